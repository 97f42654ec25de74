package vn.investledger.events.reference;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vn.investledger.events.Currency;
import vn.investledger.events.Money;
import vn.investledger.events.UsdEquivalent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The limits of the tables an operator writes (README "Reference tables an operator
 * sets"): each is refused at start, naming the file, the row and the reason, where it
 * would otherwise be read with another value, stop the processor on the first event it
 * applies to, or break a release later.
 */
class OperatorTablesLimitsTests {

	private static final String RATES = "from,vnd_per_usd,name\n";

	private static final String LAND = "zone,from,industrial_land_ha,source\n";

	private static final String TARGETS = "province,year,from,fdi_million_usd,ddi_billion_vnd,total_million_usd,source\n";

	private static final Charset WINDOWS_1258 = Charset.forName("windows-1258");

	/**
	 * A table saved as "CSV (ANSI)" (Windows-1258) is refused at the first line that is
	 * not UTF-8, whichever line that is, rather than read with U+FFFD for its letters.
	 */
	@Property(tries = 50)
	void shouldRefuseATableThatIsNotUtf8NamingTheLine(@ForAll @IntRange(min = 1, max = 30) int rows,
			@ForAll @IntRange(min = 0, max = 29) int garbled) {
		int line = Math.min(garbled, rows - 1);
		ByteArrayInputStream bytes = new ByteArrayInputStream(table(rows, line));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReferenceCsv.read(bytes, -1, "from,vnd_per_usd,name", "rates.csv"))
			// the header is line 1, the rows from line 2
			.withMessageContaining("rates.csv is not UTF-8: line " + (line + 2))
			.withMessageContaining("CSV UTF-8");
	}

	private static byte[] table(int rows, int garbled) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		out.writeBytes("from,vnd_per_usd,name\n".getBytes(StandardCharsets.UTF_8));
		for (int i = 0; i < rows; i++) {
			String row = LocalDate.of(2000, 1, 1).plusDays(i) + ",24360,Tỷ giá trung tâm ngày " + i + "\n";
			out.writeBytes(row.getBytes((i == garbled) ? WINDOWS_1258 : StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

	/** Lines end as the reader ends them: a spreadsheet's CR alone counts as one. */
	@Test
	void shouldNameTheLineOfATableWithCarriageReturnsAlone() {
		byte[] bytes = new String(table(6, 3), StandardCharsets.ISO_8859_1).replace("\n", "\r")
			.getBytes(StandardCharsets.ISO_8859_1);

		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> ReferenceCsv.read(new ByteArrayInputStream(bytes), -1, "from,vnd_per_usd,name", "mac.csv"))
			.withMessageContaining("mac.csv is not UTF-8: line 5");
	}

	@Test
	void shouldRefuseTheShippedVsicSectionsSavedAsWindows1258(@TempDir Path dir) throws IOException {
		Path sections = dir.resolve("vsic-sections.csv");
		try (InputStream in = OperatorTablesLimitsTests.class.getResourceAsStream("/reference/vsic-sections.csv")) {
			Files.write(sections, new String(in.readAllBytes(), StandardCharsets.UTF_8).getBytes(WINDOWS_1258));
		}

		assertThatIllegalArgumentException().isThrownBy(() -> VsicEditions.read(sections, null))
			.withMessageContaining(sections + " is not UTF-8: line ");
	}

	@Test
	void shouldRefuseATableLargerThanSixteenMebibytes() {
		byte[] header = "from,vnd_per_usd,name\n".getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[ReferenceCsv.MAX_BYTES + 1];
		java.util.Arrays.fill(bytes, (byte) '#');
		System.arraycopy(header, 0, bytes, 0, header.length);

		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> ReferenceCsv.read(new ByteArrayInputStream(bytes), -1, "from,vnd_per_usd,name", "big.csv"))
			.withMessageContaining("big.csv is larger than a table may be");
	}

	/** Every rate written plainly, within the bounds, is read exactly. */
	@Property(tries = 200)
	void shouldReadEveryPlainRateWithinTheBoundsExactly(@ForAll("plainRates") BigDecimal rate) throws IOException {
		UsdRate read = rates(RATES + "2024-01-01," + rate.toPlainString() + ",tỷ giá\n").all().get(0);

		assertThat(read.vndPerUsd()).isEqualByComparingTo(rate);
		assertThat(read.label())
			.isEqualTo("tỷ giá: " + rate.stripTrailingZeros().toPlainString() + " VND/USD from 2024-01-01");
	}

	/** A rate table read from a file, as an operator's is. */
	private static UsdRates rates(String table) throws IOException {
		Path csv = Files.createTempFile("rates", ".csv");
		try {
			Files.writeString(csv, table, StandardCharsets.UTF_8);
			return UsdRates.read(csv);
		}
		finally {
			Files.delete(csv);
		}
	}

	@Provide
	Arbitrary<BigDecimal> plainRates() {
		return Arbitraries.bigDecimals()
			.between(BigDecimal.valueOf(UsdRate.MIN_VND_PER_USD), BigDecimal.valueOf(UsdRate.MAX_VND_PER_USD))
			.ofScale(UsdRates.MAX_DECIMALS);
	}

	/**
	 * A rate out of the bounds or written otherwise than plainly (an exponent, a
	 * separator, a sign, a digit too many) is refused naming its row; one within them but
	 * with a digit too many after the dot too.
	 */
	@ParameterizedTest
	@ValueSource(
			strings = { "999", "100000.0001", "234000", "10000000000000000000000000000000000000000", "1E+2147483647",
					"2.436E4", "24,360", "24.360,5", "+24360", "-24360", " ", "24360.12345", "٢٤٣٦٠", "24 360" })
	void shouldRefuseARateOutOfItsBoundsOrNotPlain(String rate, @TempDir Path dir) throws IOException {
		Path csv = dir.resolve("rates.csv");
		Files.writeString(csv, RATES + "2023-01-01,23400,ok\n2024-01-01," + rate + ",typo\n");

		assertThatIllegalArgumentException().isThrownBy(() -> UsdRates.read(csv))
			.withMessageContaining(csv.toString())
			.withMessageContaining("row 2");
	}

	/**
	 * A rate's name of up to 200 characters is kept; a longer one, or one with a control
	 * character, is refused at start rather than stop the processor at the first DDI
	 * event it converts (a label is written to the stores as one string of at most 64
	 * KB).
	 */
	@Property(tries = 50)
	void shouldBoundARatesName(@ForAll @StringLength(min = 1, max = 400) String letters) throws IOException {
		String name = "Tỷ giá " + letters.codePoints()
			.map((c) -> "aăâbcdđeêghiklmnoôơpqrstuưvxy".codePointAt(Math.floorMod(c, 29)))
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
		String table = RATES + "2024-01-01,24360," + name + "\n";

		if (name.codePointCount(0, name.length()) <= UsdRate.MAX_NAME_LENGTH) {
			assertThat(rates(table).all().get(0).name()).isEqualTo(name);
		}
		else {
			assertThatIllegalArgumentException().isThrownBy(() -> rates(table))
				.withMessageContaining("row 1")
				.withMessageContaining("longer than 200 characters");
		}
	}

	@Test
	void shouldRefuseARatesNameWithAControlCharacter() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new UsdRate(LocalDate.of(2024, 1, 1), new BigDecimal("24360"), "tỷ\u0000giá"))
			.withMessageContaining("control character");
	}

	/**
	 * A table whose labels together would make a figure over every date too large for a
	 * Kafka record is refused, naming the row where the bound is passed.
	 */
	@Test
	void shouldRefuseATableWhoseLabelsTogetherPassTheBound(@TempDir Path dir) throws IOException {
		StringBuilder table = new StringBuilder(RATES);
		List<UsdRate> rates = new ArrayList<>();
		LocalDate day = LocalDate.of(1990, 1, 1);
		String name = "Tỷ giá trung tâm của Ngân hàng Nhà nước Việt Nam công bố ngày làm việc";
		long bytes = 0;
		while (bytes <= UsdRates.MAX_LABELS_BYTES) {
			UsdRate rate = new UsdRate(day, new BigDecimal("24360"), name);
			rates.add(rate);
			bytes += rate.label().getBytes(StandardCharsets.UTF_8).length;
			table.append(day).append(",24360,").append(name).append('\n');
			day = day.plusDays(1);
		}
		Path csv = dir.resolve("rates.csv");
		Files.writeString(csv, table);

		assertThatIllegalArgumentException().isThrownBy(() -> UsdRates.read(csv))
			.withMessageContaining("labels hold more than " + UsdRates.MAX_LABELS_BYTES + " bytes by the rate from "
					+ rates.get(rates.size() - 1).from());
		// one row fewer is read
		assertThat(new UsdRates(rates.subList(0, rates.size() - 1)).all()).hasSize(rates.size() - 1);
	}

	/**
	 * Two tables with the same fingerprint name their rates alike: a figure counted by
	 * one instance on 24360 and another on 24360.0 names one rate, not two.
	 */
	@Test
	void shouldNameARateAlikeWhateverItsTrailingZeros(@TempDir Path dir) throws IOException {
		Path plain = dir.resolve("a.csv");
		Path zeros = dir.resolve("b.csv");
		Files.writeString(plain, RATES + "2024-01-01,24360,press-implied 2024\n");
		Files.writeString(zeros, RATES + "2024-01-01,24360.0000,press-implied 2024\n");
		UsdRate one = UsdRates.read(plain).all().get(0);
		UsdRate other = UsdRates.read(zeros).all().get(0);
		Money zero = Money.zero(Currency.USD);

		assertThat(UsdRates.read(plain).rows()).isEqualTo(UsdRates.read(zeros).rows());
		assertThat(new UsdEquivalent(Money.usd("10"), zero, zero, zero, List.of(one.label()), 0)
			.plus(new UsdEquivalent(Money.usd("10"), zero, zero, zero, List.of(other.label()), 0))
			.rates()).containsExactly("press-implied 2024: 24360 VND/USD from 2024-01-01");
	}

	/**
	 * A number written with a comma moves its digits into the next column; in the tables
	 * whose last column takes the rest of the line, that column then begins with a number
	 * and a comma, and the row is refused. A number with three decimals (1.200, a
	 * Vietnamese thousand two hundred) is refused too.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "HP-DEEP-C,2024-01-01,1,200.5,Ban Quản lý KKT Hải Phòng",
			"HP-VSIP,2024-01-01,1.200,5,Ban Quản lý KKT Hải Phòng", "HP-VSIP,2024-01-01,1.200,Ban Quản lý",
			"HP-DEEP-C,2024-01-01,1E+999999999,Ban Quản lý", "HP-DEEP-C,2024-01-01,1000000,Ban Quản lý",
			"HP-DEEP-C,2024-01-01,1 200,Ban Quản lý", "HP-DINH-VU-CAT-HAI,2024-01-01,225400,Ban Quản lý",
			"HP-DEEP-C,2024-01-01,1,200" })
	void shouldRefuseAnAreaWrittenWithASeparatorOrLargerThanItsZone(String row, @TempDir Path dir) throws IOException {
		Path csv = dir.resolve("land.csv");
		Files.writeString(csv, LAND + row + "\n");

		assertThatIllegalArgumentException().isThrownBy(() -> IndustrialLand.read(csv))
			.withMessageContaining(csv.toString())
			.withMessageContaining("row 1");
	}

	@Test
	void shouldKeepAnAreaUpToItsZonesAndASourceThatBeginsWithAWord(@TempDir Path dir) throws IOException {
		Path csv = dir.resolve("land.csv");
		Files.writeString(csv, LAND + "HP-DINH-VU-CAT-HAI,2024-01-01,22540,Ban Quản lý, báo cáo 2024\n"
				+ "HP-DEEP-C,2024-01-01,1200.5,Năm 2024, 12 tháng\n");

		IndustrialLand land = IndustrialLand.read(csv);

		assertThat(land.of("HP-DINH-VU-CAT-HAI", LocalDate.of(2025, 1, 1)).orElseThrow().hectares())
			.isEqualByComparingTo("22540");
		assertThat(land.of("HP-DEEP-C", LocalDate.of(2025, 1, 1)).orElseThrow().source())
			.isEqualTo("Năm 2024, 12 tháng");
	}

	@ParameterizedTest
	@ValueSource(strings = { "31,2025,2025-01-15,,4,507,,Kế hoạch 12/KH-BQL", "33,2025,2025-01-15,1.500,,,Kế hoạch",
			"33,2025,2025-01-15,1e3,,,Kế hoạch", "33,2025,2025-01-15,,4.507,,Kế hoạch",
			"33,2025,2025-01-15,,,1 500,Kế hoạch", "31,2025,2025-01-15,,,2,640",
			"31,2025,2025-01-15,1000000000000000000000000000000,,,Kế hoạch" })
	void shouldRefuseATargetWrittenWithASeparator(String row, @TempDir Path dir) throws IOException {
		Path csv = dir.resolve("targets.csv");
		Files.writeString(csv, TARGETS + row + "\n");

		assertThatIllegalArgumentException().isThrownBy(() -> InvestmentTargets.read(csv))
			.withMessageContaining(csv.toString())
			.withMessageContaining("row 1");
	}

	@Test
	void shouldReadATargetWrittenPlainly(@TempDir Path dir) throws IOException {
		Path csv = dir.resolve("targets.csv");
		Files.writeString(csv, TARGETS + "31,2025,2025-01-15,1500,4507,1.5,Kế hoạch 12/KH-BQL\n");

		InvestmentTarget target = InvestmentTargets.read(csv).of("31", 2025, LocalDate.of(2025, 6, 1)).orElseThrow();

		assertThat(target.fdi()).isEqualTo(Money.usd("1500000000"));
		assertThat(target.ddi()).isEqualTo(Money.vnd(4_507_000_000_000L));
		assertThat(target.total()).isEqualTo(Money.usd("1500000"));
	}

}
