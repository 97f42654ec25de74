package vn.investledger.producers.backfill;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Limits;
import vn.investledger.events.Resumed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A cell is read as the clerk wrote it, or the row is refused with a reason that names
 * the column: never an exception that stops the import.
 */
class CsvEventsTests {

	/** The whole-number columns, with the kind of row that has them and their limit. */
	private static final Map<String, Column> INTEGER_COLUMNS = Map.of("planned_employment",
			new Column("licensed", Limits.MAX_EMPLOYMENT), "duration_years",
			new Column("licensed", Limits.MAX_DURATION_YEARS), "adjustment_number",
			new Column("capital-adjusted", Limits.MAX_REVISION));

	private static final Instant NOW = Instant.parse("2025-10-20T03:00:00Z");

	@Property
	void shouldRefuseAWholeNumberAboveTheRangeOfIntNamingTheColumnAndItsLimit(@ForAll("integerColumns") String column,
			@ForAll @BigRange(min = "2147483648", max = "99999999999999999999999999") BigInteger value) {
		Column integer = INTEGER_COLUMNS.get(column);
		CSVRecord row = row(Map.of("kind", integer.kind(), column, value.toString()));

		assertThatIllegalArgumentException().isThrownBy(() -> CsvEvents.read(row, NOW))
			.withMessage(column + ": must be at most " + integer.limit() + ", was " + value);
	}

	@Property
	void shouldRefuseAWholeNumberBelowTheRangeOfIntNamingTheColumn(@ForAll("integerColumns") String column,
			@ForAll @BigRange(min = "-99999999999999999999999999", max = "-2147483649") BigInteger value) {
		CSVRecord row = row(Map.of("kind", INTEGER_COLUMNS.get(column).kind(), column, value.toString()));

		assertThatIllegalArgumentException().isThrownBy(() -> CsvEvents.read(row, NOW))
			.withMessage(column + ": must not be negative, was " + value);
	}

	@Property
	void shouldReadAWholeNumberUpToItsColumnsLimitAsWritten(@ForAll("integerColumns") String column,
			@ForAll @IntRange(min = 0, max = Limits.MAX_EMPLOYMENT) int value) {
		Column integer = INTEGER_COLUMNS.get(column);
		int written = (int) (value % (integer.limit() + 1));

		LicensingEvent event = CsvEvents.read(row(Map.of("kind", integer.kind(), column, Integer.toString(written))),
				NOW);

		Integer read = switch (column) {
			case "planned_employment" -> ((Licensed) event).plannedEmployment();
			case "duration_years" -> ((Licensed) event).durationYears();
			default -> ((CapitalAdjusted) event).adjustmentNumber();
		};
		assertThat(read).isEqualTo(written);
	}

	@Property
	void shouldDefaultAnEmissionToTheStartOfItsDayOrAskForIt(@ForAll @LongRange(min = -400, max = 400) long daysFromNow,
			@ForAll @LongRange(min = 0, max = 86_399) long secondOfDay) {
		// Given a row without emitted_at, effective up to a year and more either side of
		// the time it is read
		Instant now = Instant.parse("2025-06-01T00:00:00Z").plusSeconds(secondOfDay);
		LocalDate effective = now.atZone(Limits.VIETNAM).toLocalDate().plusDays(daysFromNow);
		CSVRecord row = row(Map.of("kind", "resumed", "effective_date", effective.toString()));

		if (daysFromNow <= 0) {
			// Then one whose day has begun was emitted at its start in Vietnam, whenever
			// it
			// is read: the same event at every run
			Instant emitted = CsvEvents.read(row, now).envelope().emittedAt();
			assertThat(emitted).isEqualTo(Instant.parse(effective + "T00:00:00+07:00"))
				.isEqualTo(CsvEvents.read(row, now.plusSeconds(86_400 * 30)).envelope().emittedAt());
		}
		else {
			// And one whose day has not begun is refused, asking for emitted_at
			assertThatIllegalArgumentException().isThrownBy(() -> CsvEvents.read(row, now))
				.withMessageStartingWith("emitted_at: required when effective_date (" + effective + ")");
		}
	}

	@Property
	void shouldKeepAnEmissionTheRowGives(@ForAll @LongRange(min = -400, max = 400) long daysFromNow) {
		LocalDate effective = LocalDate.of(2025, 6, 1).plusDays(daysFromNow);
		CSVRecord row = row(Map.of("kind", "resumed", "effective_date", effective.toString(), "emitted_at",
				"2025-06-02T08:30:00Z"));

		assertThat(CsvEvents.read(row, NOW).envelope().emittedAt()).isEqualTo(Instant.parse("2025-06-02T08:30:00Z"));
	}

	/**
	 * {@code 750.000} in a Vietnamese spreadsheet is 750,000: never read as US$750 or 750
	 * đồng, a figure a thousand times too small.
	 */
	@Property
	void shouldRefuseAnAmountWrittenWithAThousandsSeparator(@ForAll @IntRange(min = 1, max = 999) int thousands,
			@ForAll boolean dollars) {
		String amount = thousands + ".000";
		CSVRecord row = row(Map.of("kind", "disbursed", "amount", amount, "currency", dollars ? "USD" : "VND"));

		assertThatIllegalArgumentException().isThrownBy(() -> CsvEvents.read(row, NOW))
			.withMessageStartingWith("amount: \"" + amount + "\" is not")
			.withMessageContaining("without thousands separators");
	}

	/**
	 * A spreadsheet writes a number it shows rounded in scientific notation
	 * ({@code 2.65123E+11} for 265,123,456,789): never read as the rounded amount.
	 */
	@Property
	void shouldRefuseAnAmountInScientificNotation(@ForAll @LongRange(min = 1, max = 2_500_000_000_000_000L) long amount,
			@ForAll boolean dollars, @ForAll boolean lowerCase) {
		String written = String.format(java.util.Locale.ROOT, lowerCase ? "%.5e" : "%.5E", (double) amount)
			.replaceAll("0+(?=[eE])", "");
		CSVRecord row = row(Map.of("kind", "disbursed", "amount", written, "currency", dollars ? "USD" : "VND"));

		assertThatIllegalArgumentException().isThrownBy(() -> CsvEvents.read(row, NOW))
			.withMessageStartingWith("amount: \"" + written + "\" is in scientific notation");
	}

	@Property
	void shouldRefuseAValueInAColumnTheRowsKindHasNoneOf(
			@ForAll("kindsAndForeignColumns") Map.Entry<String, String> cell, @ForAll("words") String value) {
		// Given a row whose kind reads no such column, holding a value there (the rest of
		// a cell an unquoted comma split)
		CSVRecord row = row(Map.of("kind", cell.getKey(), cell.getValue(), value));

		// Then it is refused, naming the column and what it holds
		assertThatIllegalArgumentException().isThrownBy(() -> CsvEvents.read(row, NOW))
			.withMessageStartingWith(cell.getValue() + ": a " + cell.getKey() + " row has no " + cell.getValue())
			.withMessageContaining(value.strip());
	}

	@Property
	void shouldReadAResumptionsReasonWholeWhenItsCommaIsQuoted(@ForAll("words") String first,
			@ForAll("words") String second) {
		String reason = first.strip() + ", " + second.strip();
		CSVRecord row = row(Map.of("kind", "resumed", "reason", reason));

		assertThat(((Resumed) CsvEvents.read(row, NOW)).reason()).isEqualTo(reason);
	}

	@Property
	void shouldTakeARowThatRepeatsWhatNamesItsProject(@ForAll("projectColumns") String column) {
		// a register that repeats a project's name, certificate or enterprise on every
		// row
		CSVRecord row = row(Map.of("kind", "resumed", "reason", "Tiếp tục", column, "Công ty CP Đình Vũ"));

		assertThat(CsvEvents.read(row, NOW)).isInstanceOf(Resumed.class);
	}

	/**
	 * Yes and no in Vietnamese or English, in any case, with the accents composed or
	 * typed as separate marks (as macOS writes them).
	 */
	@Property
	void shouldReadYesAndNoHoweverTheyAreTyped(@ForAll("yesAndNo") String word, @ForAll boolean decomposed,
			@ForAll boolean upper) {
		String typed = decomposed ? Normalizer.normalize(word, Normalizer.Form.NFD) : word;
		typed = upper ? typed.toUpperCase(Locale.ROOT) : typed;
		CSVRecord row = row(Map.of("kind", "capital-contributed", "raises_charter_capital", typed));

		assertThat(((CapitalContributed) CsvEvents.read(row, NOW)).raisesCharterCapital())
			.isEqualTo(List.of("có", "true", "yes", "1").contains(word));
	}

	@Provide
	Arbitrary<String> yesAndNo() {
		return Arbitraries.of("có", "không", "true", "false", "yes", "no", "1", "0");
	}

	@Provide
	Arbitrary<String> projectColumns() {
		return Arbitraries.of("project_name", "irc_number", "enterprise_code", "enterprise_name", "zone_code");
	}

	@Provide
	Arbitrary<Map.Entry<String, String>> kindsAndForeignColumns() {
		Map<String, List<String>> foreign = Map.of("resumed", List.of("until", "amount", "decision_number"),
				"suspended", List.of("decision_number", "amount"), "terminated", List.of("until", "form"), "disbursed",
				List.of("reason", "form"), "licensed", List.of("reason", "new_registered_capital"), "capital-adjusted",
				List.of("land_area_ha", "until"));
		return Arbitraries.of(foreign.keySet())
			.flatMap((kind) -> Arbitraries.of(foreign.get(kind)).map((column) -> Map.entry(kind, column)));
	}

	@Provide
	Arbitrary<String> words() {
		return Arbitraries.of("hoạt động lại", "chờ đối tác", "Đã có vốn", "x", " 2026-01-01 ", "50000");
	}

	@Provide
	Arbitrary<String> integerColumns() {
		return Arbitraries.of(INTEGER_COLUMNS.keySet());
	}

	/** A row of the template's columns, blank but for the values given. */
	private static CSVRecord row(Map<String, String> values) {
		StringWriter out = new StringWriter();
		try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(CsvEvents.COLUMNS).get())) {
			for (String column : CsvEvents.COLUMNS) {
				printer.print(values.getOrDefault(column, defaults(column)));
			}
			printer.println();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		try (CSVParser parser = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(out.toString()))) {
			return parser.getRecords().get(0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What every row has, so that only the column under test can be wrong. */
	private static String defaults(String column) {
		return switch (column) {
			case "project_code" -> "P1";
			case "revision" -> "1";
			case "province_code" -> "31";
			case "effective_date" -> "2024-03-15";
			case "investment_type" -> "FDI";
			case "currency" -> "USD";
			default -> "";
		};
	}

	private record Column(String kind, long limit) {
	}

}
