package vn.investledger.events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.time.api.constraints.DateRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.investledger.events.reference.VsicEditions;
import vn.investledger.events.reference.VsicSection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's sector is judged by the VSIC edition in force on its effective date: VSIC
 * 2018 until 14 November 2025, VSIC 2025 from the 15th, with the edition named in the
 * reason.
 */
class SectorRulesTests {

	@ParameterizedTest(name = "{0}/{1} on {2}")
	@CsvSource({
			// IT: computer programming, in J of VSIC 2018 and in K of VSIC 2025
			"K, 62, 2025-12-01", "J, 62, 2025-11-01", "J, 6201, 2025-11-14", "K, 6201, 2025-11-15",
			// real estate: L of VSIC 2018, M of VSIC 2025
			"L, 68, 2025-11-14", "M, 68, 2025-11-15", "L, 6810, 2024-03-15",
			// finance: K of VSIC 2018, L of VSIC 2025
			"K, 64, 2025-11-14", "L, 64, 2025-11-15",
			// extraterritorial organisations: U, then V
			"U, 99, 2025-11-14", "V, 99, 2025-11-15", "V, , 2025-12-01",
			// unchanged sections
			"C, 26, 2019-06-12", "C, 26, 2025-12-01", "H, 5222, 2025-11-15" })
	void shouldAcceptASectorOfTheEditionInForce(String section, String division, LocalDate date) {
		assertThat(EventValidator.validate(licence(section, division, date), receivedOn(date))).isEmpty();
	}

	@Test
	void shouldRefuseKWith62Before15NovemberNamingVsic2018() {
		LocalDate date = LocalDate.of(2025, 11, 1);

		assertThat(EventValidator.validate(licence("K", "62", date), receivedOn(date))).containsExactly(new Violation(
				"sector.division",
				"section K of VSIC 2018, the edition in force on 2025-11-01, is divisions 64–66; 62 is in section J"));
	}

	@Test
	void shouldRefuseVOn14November() {
		LocalDate date = LocalDate.of(2025, 11, 14);

		assertThat(EventValidator.validate(licence("V", "99", date), receivedOn(date))).containsExactly(new Violation(
				"sector.section", "VSIC 2018, the edition in force on 2025-11-14, has sections A to U, not V"));
	}

	@Test
	void shouldRefuseLWith68From15NovemberWhenRealEstateIsM() {
		LocalDate date = LocalDate.of(2025, 11, 15);

		assertThat(EventValidator.validate(licence("L", "68", date), receivedOn(date))).containsExactly(new Violation(
				"sector.division",
				"section L of VSIC 2025, the edition in force on 2025-11-15, is divisions 64–66; 68 is in section M"));
	}

	@Test
	void shouldJudgeAContributionsSectorByItsOwnDate() {
		LocalDate date = LocalDate.of(2025, 12, 1);
		CapitalContributed contribution = new CapitalContributed(envelope(date), InvestmentType.FDI,
				ContributionForm.SHARE_PURCHASE, false, "0201234567", "Công ty CP Phần mềm Hải Phòng", null,
				List.of(new Investor("FPT Japan Holdings", "JP")), null, new Sector("J", "62"), Money.usd("1500000"));

		assertThat(EventValidator.validate(contribution, receivedOn(date))).extracting(Violation::field)
			.containsExactly("sector.division");
	}

	@Property(tries = 300)
	void shouldAcceptEveryDivisionInItsSectionOfTheDayAndRefuseItElsewhere(
			@ForAll @DateRange(min = "1987-12-29", max = "2027-12-31") LocalDate date,
			@ForAll @IntRange(min = 1, max = 99) int number) {
		assertJudgedByTheEditionOfTheDay(date, number);
	}

	@Property(tries = 300)
	void shouldJudgeEveryDayAroundTheChangeOfEditionByItsOwnEdition(
			@ForAll @DateRange(min = "2025-11-01", max = "2025-11-30") LocalDate date,
			@ForAll @IntRange(min = 58, max = 99) int number) {
		assertJudgedByTheEditionOfTheDay(date, number);
	}

	/**
	 * A division is accepted in the section of the edition in force that holds it, and
	 * refused in every other section of that edition, naming the edition and the right
	 * section.
	 */
	private static void assertJudgedByTheEditionOfTheDay(LocalDate date, int number) {
		String division = String.format("%02d", number);
		VsicEditions editions = VsicEditions.standard();
		editions.sectionOf(division, date).ifPresent((section) -> {
			for (VsicSection other : editions.sections(editions.inForceOn(date))) {
				List<Violation> violations = EventValidator.validate(licence(other.letter(), division, date),
						receivedOn(date));
				if (other.equals(section)) {
					assertThat(violations).as("%s/%s on %s", other.letter(), division, date).isEmpty();
				}
				else {
					assertThat(violations).as("%s/%s on %s", other.letter(), division, date)
						.singleElement()
						.satisfies((v) -> assertThat(v.reason()).contains(editions.inForceOn(date).name())
							.contains("is in section " + section.letter()));
				}
			}
		});
	}

	@Test
	void shouldJudgeByADeploymentsTables(@TempDir Path directory) throws Exception {
		// Given tables in which VSIC 2025 takes effect on 1 December 2025 instead
		String shipped;
		try (var in = VsicEditions.class.getResourceAsStream("/reference/vsic-sections.csv")) {
			shipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		Path sections = directory.resolve("vsic-sections.csv");
		Files.writeString(sections, shipped.replace(",2025-11-14,", ",2025-11-30,")
			.replace("VSIC 2025,2025-11-15,", "VSIC 2025,2025-12-01,"));
		VsicEditions later = VsicEditions.read(sections, null);
		LocalDate date = LocalDate.of(2025, 11, 20);

		assertThat(EventValidator.validate(licence("J", "62", date), receivedOn(date), later)).isEmpty();
		assertThat(EventValidator.validate(licence("K", "62", date), receivedOn(date), later))
			.extracting(Violation::field)
			.containsExactly("sector.division");
		assertThat(EventValidator.validate(licence("K", "62", date), receivedOn(date))).isEmpty();
	}

	/** A licence in Hải Phòng (no zone, so any date after the merger will do). */
	private static Licensed licence(String section, String division, LocalDate date) {
		Licensed l = Samples.fdiLicence();
		return new Licensed(envelope(date), l.investmentType(), l.projectName(), l.ircNumber(), l.enterpriseCode(),
				l.investors(), null, new Sector(section, division), l.registeredCapital(), l.landAreaHa(),
				l.plannedEmployment(), l.durationYears());
	}

	private static EventEnvelope envelope(LocalDate date) {
		String province = date.isBefore(LocalDate.of(2025, 7, 1)) ? "30" : "31";
		return new EventEnvelope(1, UUID.randomUUID(), "P-" + date, 1L, province, date,
				date.atStartOfDay(ZoneOffset.UTC).toInstant());
	}

	private static Instant receivedOn(LocalDate date) {
		return date.atStartOfDay(ZoneOffset.UTC).plusHours(12).toInstant();
	}

}
