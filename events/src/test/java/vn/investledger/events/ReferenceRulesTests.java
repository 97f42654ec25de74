package vn.investledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import vn.investledger.events.reference.Countries;
import vn.investledger.events.reference.ProvinceUnit;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.VsicSections;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.reference.ZoneType;
import vn.investledger.events.reference.Zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReferenceRulesTests {

	private static final LocalDate BEFORE = LocalDate.of(2024, 6, 20);

	private static final LocalDate AFTER = LocalDate.of(2025, 9, 20);

	@Nested
	class ProvincesReference {

		private final Provinces provinces = Provinces.standard();

		@Test
		void shouldHave63UnitsBeforeAnd34AfterTheReorganisation() {
			assertThat(this.provinces.codesInForce(BEFORE)).hasSize(63);
			assertThat(this.provinces.codesInForce(AFTER)).hasSize(34);
		}

		@Test
		void shouldRestateTheSeedProvincesToTodaysUnits() {
			// Hải Dương → Hải Phòng, Thái Bình → Hưng Yên, Kon Tum → Quảng Ngãi; the
			// others keep their code
			assertThat(this.provinces.unitOn("30", BEFORE, AFTER)).isEqualTo("31");
			assertThat(this.provinces.unitOn("34", BEFORE, AFTER)).isEqualTo("33");
			assertThat(this.provinces.unitOn("62", BEFORE, AFTER)).isEqualTo("51");
			assertThat(this.provinces.unitOn("22", BEFORE, AFTER)).isEqualTo("22");
			assertThat(this.provinces.unitOn("31", BEFORE, AFTER)).isEqualTo("31");
			// as reported at the time: unchanged
			assertThat(this.provinces.unitOn("30", BEFORE, BEFORE)).isEqualTo("30");
		}

		@Test
		void shouldNameTheUnitThatHoldsATopicsTerritoryToday() {
			// every code of the 63 units leads to one of the 34, and the 34 to themselves
			assertThat(this.provinces.currentCodes()).hasSize(34).isEqualTo(this.provinces.codesInForce(AFTER));
			this.provinces.codesInForce(BEFORE)
				.forEach((code) -> assertThat(this.provinces.currentUnitOf(code).orElseThrow()).as(code)
					.isIn(this.provinces.currentCodes()));
			assertThat(this.provinces.currentUnitOf("30")).contains("31");
			assertThat(this.provinces.currentUnitOf("31")).contains("31");
			assertThat(this.provinces.currentUnitOf("10")).contains("15");
			assertThat(this.provinces.currentUnitOf("15")).contains("15");
			assertThat(this.provinces.currentUnitOf("99")).isEmpty();
		}

		@Test
		void shouldKeepACodeWhoseNameChanged() {
			// Yên Bái's code 15 is the merged Lào Cai's; the old Lào Cai (10) merged into
			// it
			assertThat(this.provinces.find("15", BEFORE))
				.hasValueSatisfying((u) -> assertThat(u.name()).isEqualTo("Yên Bái"));
			assertThat(this.provinces.find("15", AFTER))
				.hasValueSatisfying((u) -> assertThat(u.name()).isEqualTo("Lào Cai"));
			assertThat(this.provinces.unitOn("10", BEFORE, AFTER)).isEqualTo("15");
		}

		@Test
		void shouldLetAUnitPublishForTheUnitsItAbsorbed() {
			assertThat(this.provinces.codesPublishableBy("31", AFTER)).containsExactly("30", "31");
			assertThat(this.provinces.codesPublishableBy("51", AFTER)).containsExactly("51", "62");
			assertThat(this.provinces.codesPublishableBy("22", AFTER)).containsExactly("22");
		}

		@Test
		void shouldOrderTheUnitsOfACodeAsTheyCameIntoForce() {
			// the first unit of a code has no first day: it was in force before the
			// ledger's records
			assertThat(this.provinces.unitsOf("24")).extracting(ProvinceUnit::name)
				.containsExactly("Bắc Giang", "Bắc Ninh");
			assertThat(this.provinces.unitsOf("46")).extracting(ProvinceUnit::name)
				.containsExactly("Thừa Thiên Huế", "Huế");
			assertThat(this.provinces.unitsOf("31")).extracting(ProvinceUnit::name).containsExactly("Hải Phòng");
			assertThat(this.provinces.unitsOf("99")).isEmpty();
			// every code: its units follow one another without a gap or an overlap, the
			// first open at the start, however the reference lists them
			for (ProvinceUnit any : this.provinces.all()) {
				List<ProvinceUnit> units = this.provinces.unitsOf(any.code());
				List<ProvinceUnit> reversed = units.reversed().stream().sorted(ProvinceUnit.BY_VALIDITY).toList();
				assertThat(reversed).as(any.code()).isEqualTo(units);
				assertThat(units.get(0).validFrom()).as(any.code()).isNull();
				for (int i = 1; i < units.size(); i++) {
					assertThat(units.get(i).validFrom()).as(any.code())
						.isEqualTo(units.get(i - 1).validTo().plusDays(1));
				}
			}
		}

		@Test
		void shouldTellWhetherAUnitWasInForceOnAnyDayOfASpan() {
			ProvinceUnit bacGiang = this.provinces.unitsOf("24").get(0);
			ProvinceUnit bacNinh = this.provinces.unitsOf("24").get(1);
			LocalDate lastDay = Provinces.REORGANISATION.minusDays(1);

			// a report to 20 June 2025, one to 20 July 2025, one of the second half
			assertThat(bacGiang.inForceDuring(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 20))).isTrue();
			assertThat(bacNinh.inForceDuring(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 20))).isFalse();
			assertThat(bacGiang.inForceDuring(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 7, 20))).isTrue();
			assertThat(bacNinh.inForceDuring(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 7, 20))).isTrue();
			assertThat(bacGiang.inForceDuring(Provinces.REORGANISATION, LocalDate.of(2025, 12, 31))).isFalse();
			// the days either side of the reorganisation
			assertThat(bacGiang.inForceDuring(lastDay, lastDay)).isTrue();
			assertThat(bacNinh.inForceDuring(lastDay, lastDay)).isFalse();
			assertThat(bacGiang.inForceDuring(Provinces.REORGANISATION, Provinces.REORGANISATION)).isFalse();
			assertThat(bacNinh.inForceDuring(Provinces.REORGANISATION, Provinces.REORGANISATION)).isTrue();
		}

		@Test
		void shouldRefuseACodeThatDenotedNothing() {
			assertThatIllegalArgumentException().isThrownBy(() -> this.provinces.unitOn("30", AFTER, AFTER));
		}

	}

	@Nested
	class EventRules {

		@Test
		void shouldRefuseAProvinceThatNoLongerExistsOnTheEffectiveDate() {
			Licensed licence = licence("30", AFTER, "HD-DAI-AN");

			assertThat(EventValidator.validate(licence)).extracting(Violation::field)
				.containsExactly("envelope.provinceCode");
		}

		@Test
		void shouldAcceptAnAbsorbedUnitsZoneUnderTheNewProvinceAfterTheMerger() {
			assertThat(EventValidator.validate(licence("30", BEFORE, "HD-DAI-AN"))).isEmpty();
			assertThat(EventValidator.validate(licence("31", AFTER, "HD-DAI-AN"))).isEmpty();
		}

		@Test
		void shouldNameAsAZonesUnitsExactlyThoseTheLedgerTakesItsEventsUnder() {
			// the search API refuses a zone's figure under any other unit as a zero by
			// construction (Zone.unitsThatMayNameIt): it must be the ledger's own rule
			Provinces provinces = Provinces.standard();
			List<String> codes = provinces.all().stream().map(ProvinceUnit::code).distinct().toList();
			for (Zone zone : Zones.standard().all()) {
				for (String code : codes) {
					boolean taken = Stream
						.of(BEFORE, Provinces.REORGANISATION.minusDays(1), Provinces.REORGANISATION, AFTER)
						.anyMatch((date) -> EventValidator.validate(licence(code, date, zone.code())).isEmpty());
					assertThat(zone.unitsThatMayNameIt().contains(code)).as("zone %s under %s", zone.code(), code)
						.isEqualTo(taken);
				}
			}
		}

		@Test
		void shouldRefuseAZoneOfAnotherProvince() {
			// before the merger Hải Phòng could not license in Hải Dương's Đại An zone
			assertThat(EventValidator.validate(licence("31", BEFORE, "HD-DAI-AN"))).extracting(Violation::reason)
				.containsExactly("zone HD-DAI-AN lies in province 30, not in 31 on 2024-06-20");
			assertThat(EventValidator.validate(licence("22", BEFORE, "HP-DEEP-C"))).extracting(Violation::field)
				.containsExactly("zoneCode");
		}

		@Test
		void shouldRefuseAnUnknownZone() {
			assertThat(EventValidator.validate(licence("31", BEFORE, "HP-NOWHERE"))).extracting(Violation::reason)
				.containsExactly("\"HP-NOWHERE\" is not in the reference list of zones");
		}

		@Test
		void shouldRefuseAnUnassignedCountryAndADivisionOutsideItsSection() {
			Licensed l = licence("31", BEFORE, null);
			Licensed bad = new Licensed(l.envelope(), l.investmentType(), l.projectName(), l.ircNumber(),
					l.enterpriseCode(), List.of(new Investor("Nobody Ltd.", "XX")), l.zoneCode(), new Sector("C", "52"),
					l.registeredCapital(), l.landAreaHa(), l.plannedEmployment(), l.durationYears());

			assertThat(EventValidator.validate(bad)).extracting(Violation::field)
				.containsExactly("investors[0].country", "sector.division");
		}

	}

	@Test
	void shouldShipTheSeedZonesAndTheReferenceLists() {
		assertThat(Zones.standard().find("HP-DINH-VU-CAT-HAI")).hasValueSatisfying((zone) -> {
			assertThat(zone.type()).isEqualTo(ZoneType.KKT);
			assertThat(zone.areaHa()).isEqualByComparingTo("22540");
		});
		assertThat(Zones.standard().find("KT-BO-Y"))
			.hasValueSatisfying((zone) -> assertThat(zone.provinceCode()).isEqualTo("62"));
		assertThat(VsicSections.all()).hasSize(21);
		assertThat(Countries.isKnown("HK")).isTrue();
		assertThat(Countries.isKnown("TW")).isTrue();
		assertThat(Countries.isKnown("WS")).isTrue();
		assertThat(Countries.isKnown("XX")).isFalse();
	}

	private static Licensed licence(String province, LocalDate date, String zone) {
		Licensed l = Samples.fdiLicence();
		return new Licensed(new EventEnvelope(1, UUID.randomUUID(), "P-1", 1L, province, date, Instant.now()),
				l.investmentType(), l.projectName(), l.ircNumber(), l.enterpriseCode(), l.investors(), zone, l.sector(),
				l.registeredCapital(), l.landAreaHa(), l.plannedEmployment(), l.durationYears());
	}

}
