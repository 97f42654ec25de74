package vn.investledger.events;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.investledger.events.reference.UsdRate;
import vn.investledger.events.reference.UsdRates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UsdRatesTests {

	@Test
	void shouldApplyTheLatestRateDatedOnOrBeforeTheEffectiveDate() {
		UsdRates rates = UsdRates.standard();

		assertThat(rates.on(LocalDate.parse("2022-12-31"))).isEmpty();
		assertThat(rates.on(LocalDate.parse("2023-01-01"))).get()
			.extracting(UsdRate::vndPerUsd)
			.isEqualTo(new BigDecimal("23400"));
		assertThat(rates.on(LocalDate.parse("2023-12-31"))).get()
			.extracting(UsdRate::name)
			.isEqualTo("press-implied 2023");
		assertThat(rates.on(LocalDate.parse("2026-11-23"))).get()
			.extracting(UsdRate::name)
			.isEqualTo("press-implied 2024");
	}

	@Test
	void shouldConvertDongToCentsHalfEvenAndLeaveDollarsAlone() {
		UsdRate rate = new UsdRate(LocalDate.parse("2024-01-01"), new BigDecimal("24360"), "press-implied 2024");

		assertThat(rate.toUsd(Money.vnd(265_000_000_000L))).isEqualTo(Money.usd("10878489.33"));
		assertThat(rate.toUsd(Money.vnd(-48_720_000_000L))).isEqualTo(Money.usd("-2000000"));
		// 12,180 đồng is exactly half a dollar; 6,090 đồng a quarter: half-even keeps 25
		// cents
		assertThat(rate.toUsd(Money.vnd(12_180))).isEqualTo(Money.usd("0.50"));
		assertThat(rate.toUsd(Money.vnd(6_090))).isEqualTo(Money.usd("0.25"));
		// 121.8 đồng would be half a cent: 121 rounds down, 122 up
		assertThat(rate.toUsd(Money.vnd(121))).isEqualTo(Money.usd("0"));
		assertThat(rate.toUsd(Money.vnd(122))).isEqualTo(Money.usd("0.01"));
		assertThat(rate.toUsd(Money.usd("7.77"))).isEqualTo(Money.usd("7.77"));
		assertThat(rate.label()).isEqualTo("press-implied 2024: 24360 VND/USD from 2024-01-01");
	}

	@Test
	void shouldReadADeploymentsOwnTable(@TempDir Path dir) throws Exception {
		Path csv = dir.resolve("rates.csv");
		Files.writeString(csv, """
				# central rates
				from,vnd_per_usd,name
				2024-01-02,24000.5,tỷ giá trung tâm 02/01/2024
				2024-01-03,24001,tỷ giá trung tâm 03/01/2024
				""", StandardCharsets.UTF_8);

		UsdRates rates = UsdRates.read(csv);

		assertThat(rates.all()).extracting(UsdRate::name)
			.containsExactly("tỷ giá trung tâm 02/01/2024", "tỷ giá trung tâm 03/01/2024");
		assertThat(rates.on(LocalDate.parse("2024-01-02")).orElseThrow().vndPerUsd())
			.isEqualTo(new BigDecimal("24000.5"));
	}

	@Test
	void shouldRefuseAMalformedTableNamingTheRow(@TempDir Path dir) throws Exception {
		Path csv = dir.resolve("rates.csv");
		Files.writeString(csv, "from,vnd_per_usd,name\n2024-01-01,24360,ok\n2024-13-01,24000,bad month\n");
		Path negative = dir.resolve("negative.csv");
		Files.writeString(negative, "from,vnd_per_usd,name\n2024-01-01,-1,negative\n");

		assertThatIllegalArgumentException().isThrownBy(() -> UsdRates.read(csv))
			.withMessageContaining("row 2 \"2024-13-01,24000,bad month\"");
		assertThatIllegalArgumentException().isThrownBy(() -> UsdRates.read(negative))
			.withMessageContaining("row 1")
			.withMessageContaining("vnd_per_usd must be positive, was -1");
		// a rate below 1,000 đồng per dollar would make a dollar figure larger than its
		// đồng, which the processor's bound on its sums does not allow
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new UsdRate(LocalDate.parse("2024-01-01"), BigDecimal.valueOf(999), "too low"))
			.withMessageContaining("at least 1000");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new UsdRates(
					List.of(new UsdRate(LocalDate.parse("2024-01-01"), BigDecimal.valueOf(24000), "a"),
							new UsdRate(LocalDate.parse("2024-01-01"), BigDecimal.valueOf(25000), "b"))))
			.withMessageContaining("Two rates from 2024-01-01");
	}

}
