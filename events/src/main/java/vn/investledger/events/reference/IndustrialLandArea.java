package vn.investledger.events.reference;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A zone's industrial land (đất công nghiệp) as published from a date: the land it can
 * lease to projects, the denominator of its occupancy rate (tỷ lệ lấp đầy).
 *
 * @param zone the zone's code
 * @param from the date it applies from (a later row of the same zone replaces it)
 * @param hectares the industrial land in hectares, positive and below
 * {@value #MAX_HECTARES} (Vietnam's largest economic zones are some 100,000 ha)
 * @param source where it was published
 */
public record IndustrialLandArea(String zone, LocalDate from, BigDecimal hectares, String source) {

	/** The bound on an area, in hectares: a million, ten times the largest zone. */
	public static final int MAX_HECTARES = 1_000_000;

	public IndustrialLandArea {
		Objects.requireNonNull(zone, "zone");
		Objects.requireNonNull(from, "from");
		if (hectares == null || hectares.signum() <= 0 || hectares.compareTo(BigDecimal.valueOf(MAX_HECTARES)) >= 0) {
			throw new IllegalArgumentException("industrial_land_ha must be positive and below " + MAX_HECTARES
					+ ", was " + ((hectares != null) ? ReferenceCsv.shown(hectares) : null));
		}
		if (source == null || source.isBlank()) {
			throw new IllegalArgumentException("an area needs its source");
		}
	}

}
