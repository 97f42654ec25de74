package vn.investledger.events;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventValidatorTests {

	@Test
	void shouldAcceptValidFdiAndDdiLicences() {
		assertThat(EventValidator.validate(Samples.fdiLicence())).isEmpty();
		assertThat(EventValidator.validate(Samples.ddiLicence())).isEmpty();
	}

	@Test
	void shouldListEveryViolationInTheException() {
		Licensed licence = withEnvelope(Samples.fdiLicence(), new EventEnvelope(2, null, " ", 0L, "HP", null, null));

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> EventValidator.requireValid(licence))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field)
				.containsExactly("envelope.schemaVersion", "envelope.eventId", "envelope.projectCode",
						"envelope.revision", "envelope.provinceCode", "envelope.effectiveDate", "envelope.emittedAt"));
	}

	@Test
	void shouldAcceptALegacyLicenceNumberAsProjectCode() {
		EventEnvelope e = Samples.envelope();
		Licensed licence = withEnvelope(Samples.fdiLicence(), new EventEnvelope(e.schemaVersion(), e.eventId(),
				"123/GP-KCN-HP", e.revision(), e.provinceCode(), e.effectiveDate(), e.emittedAt()));

		assertThat(EventValidator.validate(licence)).isEmpty();
	}

	@Nested
	class Licences {

		@Test
		void shouldRequireAnIrcNumberForFdi() {
			Licensed l = Samples.fdiLicence();
			Licensed noIrc = new Licensed(l.envelope(), l.investmentType(), l.projectName(), " ", l.enterpriseCode(),
					l.investors(), l.zoneCode(), l.sector(), l.registeredCapital(), l.landAreaHa(),
					l.plannedEmployment(), l.durationYears());

			assertThat(EventValidator.validate(noIrc)).containsExactly(new Violation("ircNumber", "must not be blank"));
		}

		@Test
		void shouldRequireUsdForFdi() {
			Licensed l = Samples.fdiLicence();
			Licensed inVnd = new Licensed(l.envelope(), l.investmentType(), l.projectName(), l.ircNumber(),
					l.enterpriseCode(), l.investors(), l.zoneCode(), l.sector(), Money.vnd(1_000), l.landAreaHa(),
					l.plannedEmployment(), l.durationYears());

			assertThat(EventValidator.validate(inVnd)).extracting(Violation::field)
				.containsExactly("registeredCapital.currency");
		}

		@Test
		void shouldRequireVndAndPositiveCapitalForDdi() {
			Licensed l = Samples.ddiLicence();
			Licensed negativeUsd = new Licensed(l.envelope(), l.investmentType(), l.projectName(), l.ircNumber(),
					l.enterpriseCode(), l.investors(), l.zoneCode(), l.sector(), Money.usd("-5"), l.landAreaHa(),
					l.plannedEmployment(), l.durationYears());

			assertThat(EventValidator.validate(negativeUsd)).extracting(Violation::field)
				.containsExactly("registeredCapital.currency", "registeredCapital.minorUnits");
		}

		@Test
		void shouldValidateEnterpriseCodeInvestorsAndSector() {
			Licensed l = Samples.fdiLicence();
			Licensed bad = new Licensed(l.envelope(), l.investmentType(), l.projectName(), l.ircNumber(), "020123-4567",
					List.of(new Investor("", "kr")), l.zoneCode(), new Sector("V", "2"), l.registeredCapital(),
					l.landAreaHa(), l.plannedEmployment(), l.durationYears());

			assertThat(EventValidator.validate(bad)).extracting(Violation::field)
				.containsExactly("enterpriseCode", "investors[0].name", "investors[0].country", "sector.section",
						"sector.division");
		}

		@Test
		void shouldAcceptABranchEnterpriseCode() {
			Licensed l = Samples.fdiLicence();
			Licensed branch = new Licensed(l.envelope(), l.investmentType(), l.projectName(), l.ircNumber(),
					"0201234567-001", l.investors(), l.zoneCode(), l.sector(), l.registeredCapital(), l.landAreaHa(),
					l.plannedEmployment(), l.durationYears());

			assertThat(EventValidator.validate(branch)).isEmpty();
		}

	}

	static Licensed withEnvelope(Licensed l, EventEnvelope envelope) {
		return new Licensed(envelope, l.investmentType(), l.projectName(), l.ircNumber(), l.enterpriseCode(),
				l.investors(), l.zoneCode(), l.sector(), l.registeredCapital(), l.landAreaHa(), l.plannedEmployment(),
				l.durationYears());
	}

	static UUID anyId() {
		return UUID.randomUUID();
	}

}
