package vn.investledger.console.release.zone;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import vn.investledger.console.release.GeneratedLedger;
import vn.investledger.console.release.GeneratedLedger.Received;
import vn.investledger.console.release.Release.Amount;
import vn.investledger.console.release.Release.Paragraph;
import vn.investledger.console.release.zone.ZoneRelease.SideBySide;
import vn.investledger.console.release.zone.ZoneRelease.ZoneOccupancy;
import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.Disbursed;
import vn.investledger.events.EventEnvelope;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.Sector;
import vn.investledger.events.Terminated;
import vn.investledger.events.TerminationReason;
import vn.investledger.events.reference.IndustrialLand;
import vn.investledger.events.reference.IndustrialLandArea;
import vn.investledger.events.reference.InvestmentTarget;
import vn.investledger.events.reference.InvestmentTargets;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.reference.ZoneType;
import vn.investledger.events.reference.Zones;
import vn.investledger.events.rulebook.ReportCalendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The zone-board release of Hải Phòng's zones for October 2025 (cut-off 31 October), from
 * a ledger small enough to add up by hand: its targets and its occupancy with the
 * reference tables and without them, and its DDI in US dollars at the rate named.
 */
class ZoneReleaseWriterTests {

	private static final ReportCalendar CALENDAR = ReportCalendar.standard();

	private static final YearMonth OCTOBER_2025 = YearMonth.of(2025, 10);

	private static final Instant RECEIVED = Instant.parse("2025-12-01T00:00:00Z");

	/**
	 * Hải Phòng's zones; a DDI licence of 243.6 tỷ đồng is US$10,000,000.00 at 24,360.
	 */
	static final List<Received> LEDGER = List.of(
			// FDI, new in 2025: 1,250 million dollars, 120.5 ha in DEEP C
			licence("P1", InvestmentType.FDI, "31", "HP-DEEP-C", "2025-03-10", Money.usd("1250000000"), "120.5"),
			// DDI, new in 2025: 243.6 tỷ đồng (US$10.0 million at the 2024 rate), no land
			// area
			licence("P2", InvestmentType.DDI, "31", "HP-DEEP-C", "2025-05-05", Money.vnd(243_600_000_000L), null),
			// FDI licensed in 2024 (a year earlier's new capital), 300 ha in the KKT,
			// raised by
			// 50 million in 2025
			licence("P3", InvestmentType.FDI, "31", "HP-DINH-VU-CAT-HAI", "2024-02-01", Money.usd("500000000"), "300"),
			adjustment("P3", 2, "31", "2025-06-01", Money.usd("50000000"), Money.usd("550000000")),
			// Hải Dương's DDI licence of 2022 in Đại An, now Hải Phòng's; 48.72 tỷ đồng
			// realised in 2025 (US$2.0 million)
			licence("P4", InvestmentType.DDI, "30", "HD-DAI-AN", "2022-03-01", Money.vnd(100_000_000_000L), "50.25"),
			disbursement("P4", 2, "31", "2025-02-01", InvestmentType.DDI, Money.vnd(48_720_000_000L)),
			// FDI new in 2025 in VSIP, terminated in September: its flows stay, its land
			// goes
			licence("P5", InvestmentType.FDI, "31", "HP-VSIP", "2025-04-01", Money.usd("10000000"), "40"),
			terminated("P5", 2, "31", "2025-09-01"),
			// Quảng Ninh's: not in Hải Phòng's release
			licence("P6", InvestmentType.FDI, "22", "QN-DONG-MAI", "2025-03-01", Money.usd("999000000"), "99"),
			// DDI of a year earlier: 48.72 tỷ đồng, US$2.0 million at the 2024 rate
			licence("P7", InvestmentType.DDI, "31", "HP-DEEP-C", "2024-08-01", Money.vnd(48_720_000_000L), "10"));

	private static final InvestmentTargets TARGETS = new InvestmentTargets(List.of(
			new InvestmentTarget("31", 2025, LocalDate.of(2025, 1, 15), Money.usd("2500000000"), null,
					Money.usd("2640000000"), "Kế hoạch 01/KH-BQL"),
			// set after the cut-off: not the October release's
			new InvestmentTarget("31", 2025, LocalDate.of(2025, 11, 1), Money.usd("9000000000"), null, null,
					"Kế hoạch điều chỉnh")));

	private static final IndustrialLand LAND = new IndustrialLand(List.of(
			new IndustrialLandArea("HP-DEEP-C", LocalDate.of(2024, 1, 1), new BigDecimal("241"), "Báo cáo BQL 2024"),
			new IndustrialLandArea("HP-VSIP", LocalDate.of(2020, 1, 1), new BigDecimal("100"), "Báo cáo BQL 2020"),
			// published after the cut-off: Đại An has no area in the October release
			new IndustrialLandArea("HD-DAI-AN", LocalDate.of(2025, 11, 1), new BigDecimal("200"), "Báo cáo 2026")));

	@Nested
	class Targets {

		@Test
		void shouldMeasureProgressAgainstTheTargetInForceOnTheCutOff() {
			ZoneRelease release = release("31", TARGETS, LAND);

			ZoneRelease.Progress progress = release.tables().targets();
			assertThat(progress.status()).isEqualTo("set");
			assertThat(progress.source()).isEqualTo("Kế hoạch 01/KH-BQL");
			assertThat(progress.setOn()).isEqualTo(LocalDate.of(2025, 1, 15));
			// FDI: new 1,260 million + adjusted 50 million = 1,310 million of 2,500
			assertThat(progress.fdi().achieved().minorUnits()).isEqualTo(131_000_000_000L);
			assertThat(progress.fdi().progress().percent()).isEqualByComparingTo(percent(1_310, 2_500));
			assertThat(progress.fdi().progress().vi()).isEqualTo("52,4%");
			// DDI: the row sets no DDI target
			assertThat(progress.ddi().target()).isNull();
			assertThat(progress.ddi().progress()).isNull();
			assertThat(progress.ddi().vi()).isEqualTo("DDI không có kế hoạch");
			// together: 1,310 + 10 million dollars of 2,640 million
			assertThat(progress.total().achieved().minorUnits()).isEqualTo(132_000_000_000L);
			assertThat(progress.total().progress().percent()).isEqualByComparingTo(percent(1_320, 2_640));
			assertThat(text(release, "headline").vi()).contains("bằng 50,0% kế hoạch năm (2,64 tỷ USD)");
			assertThat(text(release, "headline").en()).contains("50.0% of the year's target (US$2.64 billion)");
			assertThat(text(release, "fdi").vi()).contains("bằng 52,4% kế hoạch năm (2,50 tỷ USD)");
			assertThat(text(release, "ddi").vi()).doesNotContain("kế hoạch");
		}

		@Test
		void shouldSayThereIsNoTargetRatherThanZeroPercent() {
			ZoneRelease release = release("31", InvestmentTargets.standard(), LAND);

			ZoneRelease.Progress progress = release.tables().targets();
			assertThat(progress.status()).isEqualTo("no-target");
			assertThat(progress.fdi()).isNull();
			assertThat(progress.ddi()).isNull();
			assertThat(progress.total()).isNull();
			assertThat(progress.vi()).isEqualTo("Chưa có kế hoạch năm 2025 của Hải Phòng trong dữ liệu tham chiếu, "
					+ "nên không tính tỷ lệ hoàn thành kế hoạch.");
			assertThat(text(release, "headline").vi()).contains("Chưa có kế hoạch năm 2025 của Hải Phòng")
				.doesNotContain("% kế hoạch");
			assertThat(text(release, "headline").en()).contains("No 2025 target of Hải Phòng")
				.doesNotContain("of the year's target");
		}

		@Test
		void shouldNotApplyAnotherYearsOrAnotherProvincesTarget() {
			InvestmentTargets others = new InvestmentTargets(List.of(
					new InvestmentTarget("31", 2024, LocalDate.of(2024, 1, 1), Money.usd("1"), null, null, "2024"),
					new InvestmentTarget("22", 2025, LocalDate.of(2025, 1, 1), Money.usd("1"), null, null, "QN")));

			assertThat(release("31", others, LAND).tables().targets().status()).isEqualTo("no-target");
		}

		@Test
		void shouldSendAZonesReaderToItsProvincesTarget() {
			ZoneRelease release = release(ZoneScope.zone("HP-DEEP-C", Zones.standard().all()), TARGETS, LAND);

			assertThat(release.tables().targets().status()).isEqualTo("by-province");
			assertThat(release.tables().targets().total()).isNull();
			assertThat(text(release, "headline").vi())
				.contains("Kế hoạch năm được giao cho cả tỉnh, không cho từng khu");
		}

	}

	@Nested
	class Occupancy {

		@Test
		void shouldDivideTheLandOfValidProjectsByTheZonesIndustrialLandAndSayWhereNoneIsPublished() {
			ZoneRelease release = release("31", TARGETS, LAND);

			ZoneOccupancy deepC = zone(release, "HP-DEEP-C");
			// P1's 120.5 ha; P2 states none; P7's 10 ha: 130.5 of 241
			assertThat(deepC.leased().exact()).isEqualByComparingTo("130.5");
			assertThat(deepC.validProjects()).isEqualTo(3);
			assertThat(deepC.withoutLandArea()).isEqualTo(1);
			assertThat(deepC.denominator().kind()).isEqualTo("industrial-land");
			assertThat(deepC.denominator().hectares().exact()).isEqualByComparingTo("241");
			assertThat(deepC.denominator().source()).isEqualTo("Báo cáo BQL 2024");
			assertThat(deepC.rate().percent()).isEqualByComparingTo(percent(1305, 2410));
			assertThat(deepC.vi()).startsWith("Khu công nghiệp DEEP C: 54,1% (130,5 ha trên 241,0 ha đất công nghiệp")
				.contains("1 dự án không ghi diện tích đất");
			// the KKT has a total area (22,540 ha) but no industrial land: no rate, its
			// total
			// area shown, never divided by
			ZoneOccupancy kkt = zone(release, "HP-DINH-VU-CAT-HAI");
			assertThat(kkt.totalArea().exact()).isEqualByComparingTo("22540");
			assertThat(kkt.leased().exact()).isEqualByComparingTo("300");
			assertThat(kkt.denominator()).isNull();
			assertThat(kkt.rate()).isNull();
			assertThat(kkt.vi()).contains("chưa có diện tích đất công nghiệp được công bố");
			assertThat(kkt.en()).contains("no published area of industrial land");
			// VSIP's only project was terminated: 0 ha of 100, a real 0%
			assertThat(zone(release, "HP-VSIP").rate().vi()).isEqualTo("0,0%");
			// Đại An's area is published after the cut-off
			assertThat(zone(release, "HD-DAI-AN").leased().exact()).isEqualByComparingTo("50.25");
			assertThat(zone(release, "HD-DAI-AN").rate()).isNull();
			// the province over its two zones with an area: 130.5 of 341 ha
			ZoneRelease.OccupancyTotal total = release.tables().occupancy().total();
			assertThat(total.zonesWithArea()).isEqualTo(2);
			assertThat(total.zones()).isEqualTo(release.header().scope().zones().size());
			assertThat(total.rate().percent()).isEqualByComparingTo(percent(1305, 3410));
			assertThat(release.tables().occupancy().denominatorVi()).contains("diện tích đất công nghiệp của khu");
			assertThat(text(release, "occupancy").vi()).contains("chia cho diện tích đất công nghiệp của khu",
					"Chung cho 2 trên " + total.zones() + " khu");
		}

		@Test
		void shouldSayNoAreaIsPublishedForAnyZoneWithoutTheTable() {
			ZoneRelease release = release("31", TARGETS, IndustrialLand.standard());

			assertThat(release.tables().occupancy().zones()).isNotEmpty()
				.allSatisfy((zone) -> assertThat(zone.rate()).isNull())
				.allSatisfy((zone) -> assertThat(zone.vi()).contains("chưa có diện tích đất công nghiệp"));
			assertThat(release.tables().occupancy().total().rate()).isNull();
			assertThat(text(release, "occupancy").vi())
				.contains("Không khu nào có diện tích đất công nghiệp được công bố")
				.doesNotContain("%");
		}

	}

	@Nested
	class Dollars {

		@Test
		void shouldConvertDdiAtTheRateOfEachEventsDateAndNameTheRate() {
			ZoneRelease release = release("31", TARGETS, LAND);

			SideBySide registered = row(release, "registered.capital");
			assertThat(((Amount) registered.ddi().current()).minorUnits()).isEqualTo(243_600_000_000L);
			assertThat(((Amount) registered.ddiUsd().current()).minorUnits()).isEqualTo(1_000_000_000L);
			assertThat(((Amount) registered.ddiUsd().previous()).minorUnits()).isEqualTo(200_000_000L);
			assertThat(((Amount) registered.together().current()).minorUnits()).isEqualTo(132_000_000_000L);
			assertThat(((Amount) row(release, "realised.capital").ddiUsd().current()).minorUnits())
				.isEqualTo(200_000_000L);
			assertThat(release.tables().usd().rates())
				.containsExactly("press-implied 2024: 24360 VND/USD from 2024-01-01");
			assertThat(text(release, "ddi").vi()).contains("243,6 tỷ đồng (tương đương 10,0 triệu USD)");
			assertThat(text(release, "ddi").en()).contains("VND 243.6 billion (about US$10.0 million)");
			assertThat(text(release, "rates").vi()).contains("press-implied 2024: 24360 VND/USD from 2024-01-01");
			assertThat(release.tables().usd().unconvertedEvents()).isZero();
			// FDI and DDI side by side, Quảng Ninh's not among them
			assertThat(((Amount) registered.fdi().current()).minorUnits()).isEqualTo(131_000_000_000L);
			assertThat(registered.fdi().change().kind()).isEqualTo("times");
			assertThat(row(release, "new.projects").together().current().exact()).isEqualTo(3);
		}

		@Test
		void shouldNameTheDdiEventsDatedBeforeTheFirstRate() {
			// the release of May 2023 compares with January to 20 May 2022, before the
			// first
			// rate (1 January 2023): P4's licence of 1 March 2022 is not converted
			ZoneRelease release = write(ZoneScope.province("31", Zones.standard().all()), YearMonth.of(2023, 5),
					TARGETS, LAND);

			assertThat(release.tables().usd().unconvertedEventsPrevious()).isEqualTo(1);
			assertThat(((Amount) row(release, "registered.capital").ddiUsd().previous()).minorUnits()).isZero();
			assertThat(((Amount) row(release, "registered.capital").ddi().previous()).minorUnits())
				.isEqualTo(100_000_000_000L);
			assertThat(text(release, "rates").vi()).contains("không được quy đổi");
			assertThat(text(release, "rates").en()).contains("not converted");
		}

	}

	@Nested
	class Scope {

		@Test
		void shouldCoverTodaysUnitWithTheZonesOfTheProvincesMergedIntoItButNotTheClusters() {
			List<Zone> zones = new ArrayList<>(Zones.standard().all());
			zones.add(new Zone("HD-CCN-TEST", "Cụm công nghiệp thử", ZoneType.CCN, "30", null));

			ZoneScope scope = ZoneScope.province("31", zones);

			assertThat(scope.zones()).extracting(Zone::code)
				.contains("HP-DEEP-C", "HD-DAI-AN")
				.doesNotContain("HD-CCN-TEST", "QN-DONG-MAI");
			assertThat(scope.excluded()).extracting(Zone::code).containsExactly("HD-CCN-TEST");
		}

		@Test
		void shouldRefuseAUnitNoLongerInForceNamingTodaysAndAnUnknownCodeOrZone() {
			assertThatExceptionOfType(ZoneScope.UnknownScopeException.class)
				.isThrownBy(() -> ZoneScope.province("30", Zones.standard().all()))
				.withMessageContaining("30 (Hải Dương) is no longer a unit: its territory is in 31 (Hải Phòng)");
			assertThatExceptionOfType(ZoneScope.UnknownScopeException.class)
				.isThrownBy(() -> ZoneScope.province("99", Zones.standard().all()))
				.withMessageContaining("99 is not a province's code");
			assertThatExceptionOfType(ZoneScope.UnknownScopeException.class)
				.isThrownBy(() -> ZoneScope.zone("HP-NOWHERE", Zones.standard().all()))
				.withMessageContaining("HP-NOWHERE is not in the reference list of zones");
		}

	}

	/**
	 * A publication keeps the release's JSON, and the release as first published is read
	 * back from it: read and written again, it gives the same bytes, for a province, a
	 * zone, with and without targets and land.
	 */
	@Test
	void shouldReadBackAReleaseFromItsJsonAsTheSameBytes() {
		for (ZoneRelease release : List.of(release("31", TARGETS, LAND),
				release(ZoneScope.zone("HP-DEEP-C", Zones.standard().all()), TARGETS, LAND),
				release("31", InvestmentTargets.standard(), IndustrialLand.standard()))) {
			byte[] json = vn.investledger.console.release.Releases.json(release);

			ZoneRelease read = vn.investledger.console.release.Releases.read(json, ZoneRelease.class);

			assertThat(read).isEqualTo(release);
			assertThat(new String(vn.investledger.console.release.Releases.json(read), StandardCharsets.UTF_8))
				.isEqualTo(new String(json, StandardCharsets.UTF_8));
		}
	}

	private static ZoneRelease release(String province, InvestmentTargets targets, IndustrialLand land) {
		return release(ZoneScope.province(province, Zones.standard().all()), targets, land);
	}

	private static ZoneRelease release(ZoneScope scope, InvestmentTargets targets, IndustrialLand land) {
		return write(scope, OCTOBER_2025, targets, land);
	}

	private static ZoneRelease write(ZoneScope scope, YearMonth month, InvestmentTargets targets, IndustrialLand land) {
		ZoneBoardFold fold = new ZoneBoardFold(scope, month, CALENDAR, null);
		ZonedLedger.entries(GeneratedLedger.of(LEDGER)).forEach(fold::accept);
		return ZoneReleaseWriter.write(fold.figures(), CALENDAR, targets, land);
	}

	/** {@code 100 × part / whole}, half-up to one decimal. */
	private static BigDecimal percent(long part, long whole) {
		return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
	}

	private static Paragraph text(ZoneRelease release, String key) {
		return release.text().stream().filter((paragraph) -> paragraph.key().equals(key)).findFirst().orElseThrow();
	}

	private static SideBySide row(ZoneRelease release, String figure) {
		return release.tables()
			.yearOnYear()
			.stream()
			.filter((row) -> row.figure().equals(figure))
			.findFirst()
			.orElseThrow();
	}

	private static ZoneOccupancy zone(ZoneRelease release, String code) {
		return release.tables()
			.occupancy()
			.zones()
			.stream()
			.filter((zone) -> zone.zone().equals(code))
			.findFirst()
			.orElseThrow();
	}

	static Received licence(String code, InvestmentType type, String province, String zone, String day, Money capital,
			String landHa) {
		String country = (type == InvestmentType.FDI) ? "KR" : "VN";
		return received(new Licensed(envelope(code, 1, province, day), type, "Dự án " + code,
				(type == InvestmentType.FDI) ? "IRC-" + code : null, null,
				List.of(new Investor("Nhà đầu tư " + code, country)), zone, new Sector("C", "26"), capital,
				(landHa != null) ? new BigDecimal(landHa) : null, null, null));
	}

	static Received adjustment(String code, long revision, String province, String day, Money change, Money total) {
		return received(new CapitalAdjusted(envelope(code, revision, province, day), InvestmentType.FDI, 1,
				"IRC-" + code, change, total));
	}

	static Received disbursement(String code, long revision, String province, String day, InvestmentType type,
			Money amount) {
		return received(new Disbursed(envelope(code, revision, province, day), type, amount));
	}

	static Received terminated(String code, long revision, String province, String day) {
		return received(new Terminated(envelope(code, revision, province, day), TerminationReason.INVESTOR_DECISION,
				"QĐ-" + code));
	}

	private static Received received(LicensingEvent event) {
		return new Received(event,
				"31".equals(event.envelope().provinceCode()) || "30".equals(event.envelope().provinceCode()) ? "31"
						: event.envelope().provinceCode(),
				RECEIVED.plusSeconds(event.envelope().revision()));
	}

	static EventEnvelope envelope(String code, long revision, String province, String day) {
		LocalDate date = LocalDate.parse(day);
		return new EventEnvelope(EventEnvelope.CURRENT_SCHEMA_VERSION,
				UUID.nameUUIDFromBytes((code + "#" + revision).getBytes(java.nio.charset.StandardCharsets.UTF_8)), code,
				revision, province, date, date.atStartOfDay().toInstant(ZoneOffset.UTC));
	}

}
