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

import vn.investledger.events.Currency;
import vn.investledger.events.Money;

/**
 * The provinces' yearly investment targets (kế hoạch năm), dated: the target of a
 * province's year on a day is the row of that province and year with the latest date on
 * or before the day. The platform ships {@link #standard()}, which holds none; a
 * deployment loads its own ({@link #read(Path)}) in the same UTF-8 CSV format:
 * {@code province,year,from,fdi_million_usd,ddi_billion_vnd,total_million_usd,source},
 * amounts in the officials' units (triệu USD, tỷ đồng), the source taking the rest of the
 * line.
 */
public final class InvestmentTargets {

	private static final String COLUMNS = "province,year,from,fdi_million_usd,ddi_billion_vnd,total_million_usd,source";

	private static final InvestmentTargets STANDARD = new InvestmentTargets(parse(
			ReferenceCsv.read("/reference/investment-targets.csv", 7, COLUMNS), "/reference/investment-targets.csv"));

	/** By province and year, then by date. */
	private final Map<String, TreeMap<LocalDate, InvestmentTarget>> byProvinceAndYear = new TreeMap<>();

	/**
	 * A table of targets.
	 * @param targets the targets, at most one per province, year and date
	 * @throws IllegalArgumentException if two share a province, year and date, or one is
	 * of a code that is not a unit in force today
	 */
	public InvestmentTargets(List<InvestmentTarget> targets) {
		for (InvestmentTarget target : targets) {
			requireCurrentUnit(target.province());
			InvestmentTarget previous = this.byProvinceAndYear
				.computeIfAbsent(key(target.province(), target.year()), (key) -> new TreeMap<>())
				.put(target.from(), target);
			if (previous != null) {
				throw new IllegalArgumentException("two targets of " + target.province() + " for " + target.year()
						+ " from " + target.from() + ": \"" + previous.source() + "\" and \"" + target.source() + "\"");
			}
		}
	}

	/**
	 * The table shipped with the platform: no target.
	 * @return the shipped table
	 */
	public static InvestmentTargets standard() {
		return STANDARD;
	}

	/**
	 * Reads a table from a UTF-8 CSV file with the shipped one's header.
	 * @param csv the file
	 * @return the table
	 * @throws IllegalArgumentException naming the file and the row if a row is malformed
	 */
	public static InvestmentTargets read(Path csv) {
		try (InputStream in = Files.newInputStream(csv)) {
			return new InvestmentTargets(parse(ReferenceCsv.read(in, 7, COLUMNS, csv.toString()), csv.toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the target table " + csv, ex);
		}
	}

	/**
	 * The target of a province's year as set on a day.
	 * @param province today's unit
	 * @param year the year
	 * @param on the day, e.g. a release's cut-off
	 * @return the latest row of that province and year dated on or before the day, empty
	 * if there is none
	 */
	public Optional<InvestmentTarget> of(String province, int year, LocalDate on) {
		TreeMap<LocalDate, InvestmentTarget> rows = this.byProvinceAndYear.get(key(province, year));
		return Optional.ofNullable((rows != null) ? rows.floorEntry(on) : null).map(Map.Entry::getValue);
	}

	/**
	 * Every target, by province, year and date.
	 * @return the targets
	 */
	public List<InvestmentTarget> all() {
		return this.byProvinceAndYear.values().stream().flatMap((rows) -> rows.values().stream()).toList();
	}

	private static void requireCurrentUnit(String province) {
		if (!Provinces.standard().currentCodes().contains(province)) {
			throw new IllegalArgumentException("province " + province + " is not a unit in force today"
					+ Provinces.standard()
						.currentUnitOf(province)
						.map((unit) -> ": its territory is in " + unit + ", set the target under " + unit)
						.orElse(""));
		}
	}

	private static String key(String province, int year) {
		return province + "/" + year;
	}

	private static List<InvestmentTarget> parse(List<String[]> rows, String source) {
		List<InvestmentTarget> targets = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			String[] row = rows.get(i);
			try {
				if (row.length != 7) {
					throw new IllegalArgumentException("expected " + COLUMNS);
				}
				requireCurrentUnit(row[0].strip());
				ReferenceCsv.requireNoNumberMovedInto(row[6], "source");
				targets.add(new InvestmentTarget(row[0].strip(), Integer.parseInt(row[1].strip()),
						LocalDate.parse(row[2].strip()), amount(row[3], 6, Currency.USD, "fdi_million_usd"),
						amount(row[4], 9, Currency.VND, "ddi_billion_vnd"),
						amount(row[5], 6, Currency.USD, "total_million_usd"), row[6].strip()));
			}
			catch (IllegalArgumentException | DateTimeParseException | ArithmeticException ex) {
				throw new IllegalArgumentException("Target table " + source + ", row " + (i + 1) + " \""
						+ ReferenceCsv.shown(row) + "\": " + ex.getMessage(), ex);
			}
		}
		return targets;
	}

	/**
	 * An amount written in millions (triệu USD) or billions (tỷ đồng), exact to the minor
	 * unit, as a plain number. Exactly three decimals are refused, as {@link Money}
	 * refuses them: {@code 1.500} is a Vietnamese 1,500 as often as one and a half.
	 */
	private static Money amount(String text, int powerOfTen, Currency currency, String column) {
		if (text.isBlank()) {
			return null;
		}
		BigDecimal amount = ReferenceCsv.plainNumber(text, 40, column);
		if (amount.scale() == 3) {
			throw new IllegalArgumentException(column + " \"" + text.strip()
					+ "\" has three decimals, which read as a thousands separator as often as decimals:"
					+ " write 1500 for one thousand five hundred, 1.5 or 1.50 for one and a half");
		}
		if (amount.precision() - amount.scale() + powerOfTen > 15) {
			throw new IllegalArgumentException(column + " " + ReferenceCsv.shown(amount)
					+ " is too large: at most 15 digits" + " before the decimal point once written in " + currency);
		}
		try {
			return Money.ofMajor(amount.movePointRight(powerOfTen), currency);
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException("\"" + text.strip() + "\" is finer than a " + currency + " minor unit",
					ex);
		}
	}

}
