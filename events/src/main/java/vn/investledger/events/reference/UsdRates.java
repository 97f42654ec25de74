package vn.investledger.events.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A dated table of VND/USD reference rates: the rate for an event is the latest one dated
 * on or before its effective date. The platform ships {@link #standard()}; a deployment
 * can load its own table ({@link #read(Path)}) in the same CSV format:
 * {@code from,vnd_per_usd,name}.
 */
public final class UsdRates {

	private static final String HEADER = "from,vnd_per_usd,name";

	/** The decimals a rate may have. */
	static final int MAX_DECIMALS = 4;

	/**
	 * The most the rates' labels may hold together, in UTF-8 bytes: a figure over every
	 * date names every rate it applied, and its record must stay well within a Kafka
	 * record's megabyte. Some 8,000 rows of names like {@code tỷ giá trung tâm
	 * 02/01/2024}: thirty years of the State Bank's daily rates.
	 */
	static final int MAX_LABELS_BYTES = 512 * 1024;

	private static final UsdRates STANDARD = new UsdRates(
			parse(ReferenceCsv.read("/reference/usd-rates.csv", HEADER), "/reference/usd-rates.csv"));

	private final TreeMap<LocalDate, UsdRate> byDate = new TreeMap<>();

	/**
	 * A table of rates.
	 * @param rates the rates, at most one per date
	 * @throws IllegalArgumentException if two rates share a date, none is given, or their
	 * labels together hold more than {@value #MAX_LABELS_BYTES} bytes
	 */
	public UsdRates(List<UsdRate> rates) {
		if (rates.isEmpty()) {
			throw new IllegalArgumentException("A rate table needs at least one rate");
		}
		long labels = 0;
		for (UsdRate rate : rates) {
			labels += rate.label().getBytes(StandardCharsets.UTF_8).length;
			if (labels > MAX_LABELS_BYTES) {
				throw new IllegalArgumentException("The rates' labels hold more than " + MAX_LABELS_BYTES
						+ " bytes by the rate from " + rate.from() + " (" + rates.size()
						+ " rates): a figure over every date names every rate it applied. Give the rates shorter"
						+ " names, or fewer rows (e.g. monthly)");
			}
			UsdRate previous = this.byDate.put(rate.from(), rate);
			if (previous != null) {
				throw new IllegalArgumentException(
						"Two rates from " + rate.from() + ": \"" + previous.name() + "\" and \"" + rate.name() + "\"");
			}
		}
	}

	/**
	 * The table shipped with the platform: the rates implied by the 2023 and 2024 press
	 * conversions.
	 * @return the shipped table
	 */
	public static UsdRates standard() {
		return STANDARD;
	}

	/**
	 * Reads a table from a UTF-8 CSV file with the header {@code from,vnd_per_usd,name}.
	 * @param csv the file
	 * @return the table
	 * @throws IllegalArgumentException naming the line if a row is malformed
	 */
	public static UsdRates read(Path csv) {
		try (InputStream in = Files.newInputStream(csv)) {
			return new UsdRates(parse(ReferenceCsv.read(in, HEADER, csv.toString()), csv.toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the rate table " + csv, ex);
		}
	}

	/**
	 * The rate for an effective date.
	 * @param effectiveDate the date
	 * @return the latest rate dated on or before it, empty if the table starts later
	 */
	public Optional<UsdRate> on(LocalDate effectiveDate) {
		return Optional.ofNullable(this.byDate.floorEntry(effectiveDate)).map(java.util.Map.Entry::getValue);
	}

	/**
	 * Every rate, oldest first.
	 * @return the rates
	 */
	public List<UsdRate> all() {
		return List.copyOf(this.byDate.values());
	}

	private static List<UsdRate> parse(List<String[]> rows, String source) {
		List<UsdRate> rates = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			String[] row = rows.get(i);
			try {
				if (row.length != 3) {
					throw new IllegalArgumentException("expected from,vnd_per_usd,name");
				}
				rates.add(new UsdRate(LocalDate.parse(row[0].strip()),
						ReferenceCsv.plainNumber(row[1], MAX_DECIMALS, "vnd_per_usd"), row[2].strip()));
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				throw new IllegalArgumentException("Rate table " + source + ", row " + (i + 1) + " \""
						+ ReferenceCsv.shown(row) + "\": " + ex.getMessage(), ex);
			}
		}
		if (rates.isEmpty()) {
			throw new IllegalArgumentException(
					"Rate table " + source + " has no rate: a rate table needs at least one");
		}
		return rates;
	}

	/**
	 * The table's rows, oldest first, one text each: the same rows give the same texts
	 * whatever file they were read from.
	 * @return e.g. {@code 2023-01-01,23400,press-implied 2023}
	 */
	public List<String> rows() {
		// 24360 and 24360.0 are the same rate
		return this.byDate.values()
			.stream()
			.map((rate) -> rate.from() + "," + UsdRate.plain(rate.vndPerUsd()) + "," + rate.name())
			.toList();
	}

}
