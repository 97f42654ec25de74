package vn.investledger.events.reference;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference list of zones ({@code reference/zones.csv}).
 */
public final class Zones {

	private static final Zones STANDARD = new Zones(
			ReferenceCsv.read("/reference/zones.csv", "code,name,type,province,area_ha")
				.stream()
				.map((row) -> new Zone(row[0], row[1], ZoneType.valueOf(row[2]), row[3],
						row[4].isBlank() ? null : new BigDecimal(row[4])))
				.toList());

	private final Map<String, Zone> byCode = new LinkedHashMap<>();

	Zones(List<Zone> zones) {
		zones.forEach((zone) -> this.byCode.put(zone.code(), zone));
	}

	public static Zones standard() {
		return STANDARD;
	}

	public Optional<Zone> find(String code) {
		return Optional.ofNullable(this.byCode.get(code));
	}

	public List<Zone> all() {
		return List.copyOf(this.byCode.values());
	}

}
