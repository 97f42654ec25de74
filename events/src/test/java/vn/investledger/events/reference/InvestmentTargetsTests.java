package vn.investledger.events.reference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.investledger.events.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The provinces' yearly targets: none shipped, a deployment's own table read exactly in
 * the officials' units, a revised target from its date, and a malformed row named.
 */
class InvestmentTargetsTests {

	private static final String HEADER = "province,year,from,fdi_million_usd,ddi_billion_vnd,total_million_usd,source\n";

	@Test
	void shouldShipNoTarget() {
		assertThat(InvestmentTargets.standard().all()).isEmpty();
		assertThat(InvestmentTargets.standard().of("31", 2025, LocalDate.of(2025, 10, 31))).isEmpty();
	}

	@Test
	void shouldReadTargetsInMillionsOfDollarsAndBillionsOfDongExactlyAndTheRevisionFromItsDate(@TempDir Path dir)
			throws Exception {
		Path csv = dir.resolve("targets.csv");
		Files.writeString(csv, """
				# kế hoạch
				%s31,2025,2025-01-15,2500,4507.25,,Kế hoạch số 12/KH-BQL, ngày 15/01/2025
				31,2025,2025-07-01,3000.5,,3200,Kế hoạch điều chỉnh sau hợp nhất
				22,2024,2023-12-20,,100,,QĐ 1/QĐ-UBND
				""".formatted(HEADER));

		InvestmentTargets targets = InvestmentTargets.read(csv);

		// Then the first row holds from 15 January, the revision from 1 July
		InvestmentTarget january = targets.of("31", 2025, LocalDate.of(2025, 6, 30)).orElseThrow();
		assertThat(january.fdi()).isEqualTo(Money.usd("2500000000"));
		assertThat(january.ddi()).isEqualTo(Money.vnd(4_507_250_000_000L));
		assertThat(january.total()).isNull();
		assertThat(january.source()).isEqualTo("Kế hoạch số 12/KH-BQL, ngày 15/01/2025");
		InvestmentTarget revised = targets.of("31", 2025, LocalDate.of(2025, 10, 31)).orElseThrow();
		assertThat(revised.fdi()).isEqualTo(Money.usd("3000500000"));
		assertThat(revised.ddi()).isNull();
		assertThat(revised.total()).isEqualTo(Money.usd("3200000000"));
		// and nothing before the first row, for another year or another province
		assertThat(targets.of("31", 2025, LocalDate.of(2025, 1, 14))).isEmpty();
		assertThat(targets.of("31", 2024, LocalDate.of(2024, 12, 31))).isEmpty();
		assertThat(targets.of("33", 2025, LocalDate.of(2025, 12, 31))).isEmpty();
		// a target set in December for the next year holds through that year
		assertThat(targets.of("22", 2024, LocalDate.of(2024, 1, 20))).isPresent();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			31,2025,2025-01-15,,,,Kế hoạch            | no target
			31,2025,2025-01-15,0,,,Kế hoạch           | positive
			31,2025,2025-01-15,-5,,,Kế hoạch          | positive
			31,2025,2025-01-15,12.345678901,,,KH      | finer than a USD minor unit
			31,2025,2025-01-15,10,,,                  | source
			31,2025,2026-01-01,10,,,Kế hoạch          | after its year
			30,2024,2024-01-01,10,,,Kế hoạch          | its territory is in 31
			99,2024,2024-01-01,10,,,Kế hoạch          | not a unit in force today
			31,2025,15/01/2025,10,,,Kế hoạch          | row 1
			31,năm,2025-01-15,10,,,Kế hoạch           | row 1
			31,2025,2025-01-15,10                     | expected province,year,from
			""")
	void shouldRefuseAMalformedRowNamingIt(String row, String named, @TempDir Path dir) throws Exception {
		Path csv = dir.resolve("targets.csv");
		Files.writeString(csv, HEADER + row + "\n");

		assertThatIllegalArgumentException().isThrownBy(() -> InvestmentTargets.read(csv))
			.withMessageContaining(csv.toString())
			.withMessageContaining("row 1")
			.withMessageContaining(named);
	}

	@Test
	void shouldRefuseTwoTargetsOfOneProvinceYearAndDate(@TempDir Path dir) throws Exception {
		Path csv = dir.resolve("targets.csv");
		Files.writeString(csv, HEADER + "31,2025,2025-01-15,10,,,A\n31,2025,2025-01-15,20,,,B\n");

		assertThatIllegalArgumentException().isThrownBy(() -> InvestmentTargets.read(csv))
			.withMessageContaining("two targets of 31 for 2025 from 2025-01-15");
	}

}
