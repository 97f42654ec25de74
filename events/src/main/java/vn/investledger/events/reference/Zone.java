package vn.investledger.events.reference;

import java.math.BigDecimal;

/**
 * A zone from the reference list.
 *
 * @param code the zone's code, used in events
 * @param name its name, UTF-8
 * @param type KKT, KCN, CCN or other
 * @param provinceCode the province that established it, as licensed
 * @param areaHa its area in hectares, or {@code null} where not published
 */
public record Zone(String code, String name, ZoneType type, String provinceCode, BigDecimal areaHa) {

}
