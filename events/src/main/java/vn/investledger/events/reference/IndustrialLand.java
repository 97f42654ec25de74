package vn.investledger.events.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The zones' industrial land, dated: a zone's area on a day is its row with the latest
 * date on or before the day. The platform ships {@link #standard()}, which holds none; a
 * deployment loads its own ({@link #read(Path)}) in the same UTF-8 CSV format:
 * {@code zone,from,industrial_land_ha,source}, the source taking the rest of the line.
 */
public final class IndustrialLand {

	private static final String COLUMNS = "zone,from,industrial_land_ha,source";

	/**
	 * The decimals an area may have: hundredths of a hectare. Three would read
	 * {@code 1.200}, a Vietnamese 1,200 ha, as 1.2 ha.
	 */
	static final int MAX_DECIMALS = 2;

	private static final IndustrialLand STANDARD = new IndustrialLand(
			parse(ReferenceCsv.read("/reference/industrial-land.csv", 4, COLUMNS), "/reference/industrial-land.csv"));

	private final Map<String, TreeMap<LocalDate, IndustrialLandArea>> byZone = new TreeMap<>();

	/**
	 * A table of areas.
	 * @param areas the areas, at most one per zone and date
	 * @throws IllegalArgumentException if two share a zone and date, or one is of a zone
	 * not in the reference list, or larger than its zone where the list gives the zone's
	 * area
	 */
	public IndustrialLand(List<IndustrialLandArea> areas) {
		for (IndustrialLandArea area : areas) {
			requireListed(area.zone());
			requireWithinTheZone(area);
			IndustrialLandArea previous = this.byZone.computeIfAbsent(area.zone(), (zone) -> new TreeMap<>())
				.put(area.from(), area);
			if (previous != null) {
				throw new IllegalArgumentException("two areas of " + area.zone() + " from " + area.from() + ": \""
						+ previous.source() + "\" and \"" + area.source() + "\"");
			}
		}
	}

	/**
	 * The table shipped with the platform: no area.
	 * @return the shipped table
	 */
	public static IndustrialLand standard() {
		return STANDARD;
	}

	/**
	 * Reads a table from a UTF-8 CSV file with the shipped one's header.
	 * @param csv the file
	 * @return the table
	 * @throws IllegalArgumentException naming the file and the row if a row is malformed
	 */
	public static IndustrialLand read(Path csv) {
		try (InputStream in = Files.newInputStream(csv)) {
			return new IndustrialLand(parse(ReferenceCsv.read(in, 4, COLUMNS, csv.toString()), csv.toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the industrial land table " + csv, ex);
		}
	}

	/**
	 * A zone's industrial land on a day.
	 * @param zone the zone's code
	 * @param on the day, e.g. a release's cut-off
	 * @return its latest row dated on or before the day, empty if there is none
	 */
	public Optional<IndustrialLandArea> of(String zone, LocalDate on) {
		TreeMap<LocalDate, IndustrialLandArea> rows = this.byZone.get(zone);
		return Optional.ofNullable((rows != null) ? rows.floorEntry(on) : null).map(Map.Entry::getValue);
	}

	/**
	 * Every area, by zone and date.
	 * @return the areas
	 */
	public List<IndustrialLandArea> all() {
		return this.byZone.values().stream().flatMap((rows) -> rows.values().stream()).toList();
	}

	/** Industrial land is part of its zone: no more than the zone's whole area. */
	private static void requireWithinTheZone(IndustrialLandArea area) {
		BigDecimal zoneArea = Zones.standard().find(area.zone()).map(Zone::areaHa).orElse(null);
		if (zoneArea != null && area.hectares().compareTo(zoneArea) > 0) {
			throw new IllegalArgumentException(
					"industrial_land_ha " + area.hectares().toPlainString() + " is more than the whole area of "
							+ area.zone() + " (" + zoneArea.toPlainString() + " ha in the reference list of zones)");
		}
	}

	private static void requireListed(String zone) {
		if (Zones.standard().find(zone).isEmpty()) {
			throw new IllegalArgumentException("zone " + zone + " is not in the reference list of zones");
		}
	}

	private static List<IndustrialLandArea> parse(List<String[]> rows, String source) {
		List<IndustrialLandArea> areas = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			String[] row = rows.get(i);
			try {
				if (row.length != 4) {
					throw new IllegalArgumentException("expected " + COLUMNS);
				}
				requireListed(row[0].strip());
				ReferenceCsv.requireNoNumberMovedInto(row[3], "source");
				IndustrialLandArea area = new IndustrialLandArea(row[0].strip(), LocalDate.parse(row[1].strip()),
						ReferenceCsv.plainNumber(row[2], MAX_DECIMALS, "industrial_land_ha"), row[3].strip());
				requireWithinTheZone(area);
				areas.add(area);
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				throw new IllegalArgumentException("Industrial land table " + source + ", row " + (i + 1) + " \""
						+ ReferenceCsv.shown(row) + "\": " + ex.getMessage(), ex);
			}
		}
		return areas;
	}

}
