package vn.investledger.events.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.time.api.constraints.DateRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.investledger.events.Sector;
import vn.investledger.events.rulebook.Restatement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The VSIC editions against DOMAIN.md: VSIC 2018 (21 sections, A to U) until 14 November
 * 2025, VSIC 2025 (22 sections, A to V) from 15 November 2025, old J split into J (58–60)
 * and K (61–63), old K to U one letter on with the same divisions.
 */
class VsicEditionsTests {

	private static final LocalDate LAST_DAY_OF_2018 = LocalDate.of(2025, 11, 14);

	private static final LocalDate FIRST_DAY_OF_2025 = LocalDate.of(2025, 11, 15);

	private final VsicEditions editions = VsicEditions.standard();

	private final VsicEdition vsic2018 = this.editions.edition("VSIC 2018").orElseThrow();

	private final VsicEdition vsic2025 = this.editions.edition(VsicEditions.VSIC_2025).orElseThrow();

	// jqwik runs properties of the top-level class (not of @Nested ones)

	@Property
	void shouldHaveExactlyOneEditionInForceOnEveryDay(
			@ForAll @DateRange(min = "1987-12-29", max = "2040-12-31") LocalDate date) {
		assertThat(this.editions.editions()).filteredOn((edition) -> edition.inForceOn(date))
			.containsExactly(this.editions.inForceOn(date));
		assertThat(this.editions.inForceOn(date))
			.isEqualTo(date.isBefore(FIRST_DAY_OF_2025) ? this.vsic2018 : this.vsic2025);
	}

	@Property
	void shouldKeepTheDivisionOfEveryRestatedSector(@ForAll @IntRange(min = 1, max = 99) int division) {
		String code = VsicSection.twoDigits(division);
		this.editions.sectionOf(code, LAST_DAY_OF_2018)
			.ifPresent((section) -> assertThat(this.editions.restatedToNewest(this.vsic2018, section.letter(), code))
				.hasValueSatisfying((restated) -> {
					assertThat(restated.contains(code)).isTrue();
					assertThat(restated).isEqualTo(this.editions.sectionOf(code, FIRST_DAY_OF_2025).orElseThrow());
				}));
	}

	@Nested
	class Editions {

		@Test
		void shouldShip21SectionsOf2018And22Of2025() {
			assertThat(VsicEditionsTests.this.editions.editions()).containsExactly(VsicEditionsTests.this.vsic2018,
					VsicEditionsTests.this.vsic2025);
			assertThat(VsicEditionsTests.this.editions.sections(VsicEditionsTests.this.vsic2018)).hasSize(21)
				.extracting(VsicSection::letter)
				.startsWith("A")
				.endsWith("U");
			assertThat(VsicEditionsTests.this.editions.sections(VsicEditionsTests.this.vsic2025)).hasSize(22)
				.extracting(VsicSection::letter)
				.startsWith("A")
				.endsWith("V");
		}

		@ParameterizedTest(name = "{0}: {1}")
		@CsvSource({ "1987-12-29, VSIC 2018", "2018-08-20, VSIC 2018", "2025-11-14, VSIC 2018", "2025-11-15, VSIC 2025",
				"2025-12-01, VSIC 2025", "2040-01-01, VSIC 2025" })
		void shouldNameTheEditionInForceOnADate(LocalDate date, String edition) {
			assertThat(VsicEditionsTests.this.editions.inForceOn(date).name()).isEqualTo(edition);
		}

	}

	@Nested
	class SectionsByDate {

		@Test
		void shouldReadKAsFinanceUntil14NovemberAndAsComputingFrom15November() {
			VsicSection finance = VsicEditionsTests.this.editions.section("K", LAST_DAY_OF_2018).orElseThrow();
			VsicSection computing = VsicEditionsTests.this.editions.section("K", FIRST_DAY_OF_2025).orElseThrow();

			assertThat(finance.edition()).isEqualTo(VsicEditionsTests.this.vsic2018);
			assertThat(finance.divisions()).isEqualTo("64–66");
			assertThat(finance.contains("62")).isFalse();
			assertThat(computing.edition()).isEqualTo(VsicEditionsTests.this.vsic2025);
			assertThat(computing.divisions()).isEqualTo("61–63");
			assertThat(computing.contains("62")).isTrue();
			assertThat(computing.contains("6201")).isTrue();
		}

		@Test
		void shouldHaveVOnlyFrom15November() {
			assertThat(VsicEditionsTests.this.editions.section("V", LAST_DAY_OF_2018)).isEmpty();
			assertThat(VsicEditionsTests.this.editions.section("V", FIRST_DAY_OF_2025))
				.hasValueSatisfying((v) -> assertThat(v.divisions()).isEqualTo("99"));
		}

		@ParameterizedTest(name = "division {0} on {1}: section {2}")
		@CsvSource({ "62, 2025-11-14, J", "62, 2025-11-15, K", "6201, 2025-12-01, K", "68, 2025-11-14, L",
				"68, 2025-11-15, M", "64, 2025-11-14, K", "64, 2025-11-15, L", "99, 2025-11-15, V", "26, 2019-01-01, C",
				"26, 2026-01-01, C" })
		void shouldFindTheSectionOfADivisionOnADate(String code, LocalDate date, String letter) {
			assertThat(VsicEditionsTests.this.editions.sectionOf(code, date)).map(VsicSection::letter).contains(letter);
		}

		@ParameterizedTest
		@CsvSource({ "34", "00", "4", "620", "6a", "''" })
		void shouldFindNoSectionForACodeNoSectionHolds(String code) {
			assertThat(VsicEditionsTests.this.editions.sectionOf(code, FIRST_DAY_OF_2025)).isEmpty();
			assertThat(VsicEditionsTests.this.editions.section("C", FIRST_DAY_OF_2025).orElseThrow().contains(code))
				.isFalse();
		}

	}

	@Nested
	class Correspondence {

		@Test
		void shouldRestateEvery2018DivisionToExactlyOne2025SectionHoldingIt() {
			for (VsicSection section : VsicEditionsTests.this.editions.sections(VsicEditionsTests.this.vsic2018)) {
				for (int division = section.firstDivision(); division <= section.lastDivision(); division++) {
					String code = VsicSection.twoDigits(division);
					Set<VsicSection> targets = VsicEditionsTests.this.editions.sections(VsicEditionsTests.this.vsic2025)
						.stream()
						.filter((target) -> target.contains(code))
						.collect(Collectors.toSet());

					assertThat(targets).as("division %s", code).hasSize(1);
					assertThat(VsicEditionsTests.this.editions.restatedToNewest(VsicEditionsTests.this.vsic2018,
							section.letter(), code))
						.as("division %s of %s", code, section.letter())
						.contains(targets.iterator().next());
				}
			}
		}

		@ParameterizedTest(name = "2018 {0}/{1} is 2025 {2}")
		@CsvSource({ "J, 58, J", "J, 60, J", "J, 61, K", "J, 6201, K", "J, 63, K", "K, 64, L", "K, 66, L", "L, 68, M",
				"M, 72, N", "N, 77, O", "O, 84, P", "P, 85, Q", "Q, 86, R", "R, 93, S", "S, 96, T", "T, 97, U",
				"U, 99, V", "C, 26, C", "I, 55, I" })
		void shouldRestateASectorTo2025(String letter, String code, String restated) {
			assertThat(VsicEditionsTests.this.editions.restatedToNewest(VsicEditionsTests.this.vsic2018, letter, code))
				.map(VsicSection::letter)
				.contains(restated);
		}

		@Test
		void shouldRestateASectionWithoutDivisionOnlyWhereItWasNotSplit() {
			VsicEditions e = VsicEditionsTests.this.editions;

			assertThat(e.restatedToNewest(VsicEditionsTests.this.vsic2018, "K", null)).map(VsicSection::letter)
				.contains("L");
			assertThat(e.restatedToNewest(VsicEditionsTests.this.vsic2018, "C", null)).map(VsicSection::letter)
				.contains("C");
			assertThat(e.restatedToNewest(VsicEditionsTests.this.vsic2018, "J", null)).isEmpty();
			assertThat(e.restatedToNewest(VsicEditionsTests.this.vsic2025, "K", "62")).map(VsicSection::letter)
				.contains("K");
			// a division outside its section, a letter 2018 does not have
			assertThat(e.restatedToNewest(VsicEditionsTests.this.vsic2018, "K", "62")).isEmpty();
			assertThat(e.restatedToNewest(VsicEditionsTests.this.vsic2018, "V", null)).isEmpty();
			assertThatIllegalArgumentException().isThrownBy(
					() -> e.restated(VsicEditionsTests.this.vsic2025, "K", "62", VsicEditionsTests.this.vsic2018));
		}

	}

	@Nested
	class AnOperatorsTables {

		@TempDir
		Path directory;

		@Test
		void shouldReadTablesThatAddAnEdition() throws IOException {
			// Given the shipped tables with a further edition from 2031, where section
			// V takes division 98 from U
			Path sections = copy("vsic-sections.csv",
					(text) -> text.replace("VSIC 2025,2025-11-15,,", "VSIC 2025,2025-11-15,2030-12-31,")
							+ lines(VsicEditions.standard(), "VSIC 2030"));
			Path correspondence = copy("vsic-correspondence.csv", (text) -> text + "VSIC 2025,U,98,VSIC 2030,V\n");

			VsicEditions read = VsicEditions.read(sections, correspondence);

			VsicEdition vsic2030 = read.edition("VSIC 2030").orElseThrow();
			assertThat(read.inForceOn(LocalDate.of(2030, 12, 31)).name()).isEqualTo("VSIC 2025");
			assertThat(read.inForceOn(LocalDate.of(2031, 1, 1))).isEqualTo(vsic2030);
			assertThat(read.restated(read.edition("VSIC 2025").orElseThrow(), "U", "98", vsic2030))
				.map(VsicSection::letter)
				.contains("V");
			assertThat(read.restated(read.edition("VSIC 2018").orElseThrow(), "U", "99", vsic2030))
				.map(VsicSection::letter)
				.contains("V");
			// and the sector figures are restated into the newest edition, from every
			// edition, its own included: an event classified in VSIC 2030 is counted
			assertThat(read.restatedToNewest(read.edition("VSIC 2025").orElseThrow(), "U", "98"))
				.map(VsicSection::letter)
				.contains("V");
			assertThat(read.restatedToNewest(read.edition("VSIC 2025").orElseThrow(), "U", "97"))
				.map(VsicSection::letter)
				.contains("U");
			assertThat(read.restatedToNewest(vsic2030, "V", "98")).map(VsicSection::letter).contains("V");
			assertThat(Restatement.sectorToday(new Sector("V", "98"), LocalDate.of(2031, 1, 5), read)).contains("V");
			assertThat(Restatement.sectorToday(new Sector("K", "62"), LocalDate.of(2025, 12, 1), read)).isEqualTo(
					Restatement.sectorToday(new Sector("K", "62"), LocalDate.of(2025, 12, 1), VsicEditions.standard()));
		}

		/**
		 * The events' contract names sections A to V: a table with a section past V is
		 * refused at start, rather than accepted while every event of that section is
		 * refused and its figures cannot be asked for.
		 */
		@Test
		void shouldRefuseASectionPastV() throws IOException {
			Path sections = copy("vsic-sections.csv",
					(text) -> text.replace("VSIC 2025,2025-11-15,,", "VSIC 2025,2025-11-15,2030-12-31,")
							+ lines(VsicEditions.standard(), "VSIC 2030").replace(",V,98,99,", ",W,98,99,"));

			assertThatIllegalArgumentException().isThrownBy(() -> VsicEditions.read(sections, null))
				.withMessageContaining("expected a section letter A to V")
				.withMessageContaining("was \"W\"");
		}

		@Test
		void shouldRefuseTablesThatDoNotFitNamingTheRow() throws IOException {
			Path gap = copy("vsic-sections.csv",
					(text) -> text.replace("VSIC 2025,2025-11-15,,", "VSIC 2025,2025-11-16,,"));
			Path overlap = copy("vsic-sections.csv",
					(text) -> text.replace("VSIC 2018,,2025-11-14,B,05,09", "VSIC 2018,,2025-11-14,B,03,09"));
			Path unlisted = copy("vsic-correspondence.csv", (text) -> text.replace("VSIC 2018,L,68,VSIC 2025,M\n", ""));
			Path wrong = copy("vsic-correspondence.csv",
					(text) -> text.replace("VSIC 2018,L,68,VSIC 2025,M", "VSIC 2018,L,68,VSIC 2025,N"));

			assertThatIllegalArgumentException().isThrownBy(() -> VsicEditions.read(gap, null))
				.withMessageContaining("VSIC 2025 must start the day after VSIC 2018 ends (2025-11-15)");
			assertThatIllegalArgumentException().isThrownBy(() -> VsicEditions.read(overlap, null))
				.withMessageContaining("row 2")
				.withMessageContaining("overlap section A");
			assertThatIllegalArgumentException().isThrownBy(() -> VsicEditions.read(null, unlisted))
				.withMessageContaining("division 68 of section L of VSIC 2018 is not in section L of VSIC 2025");
			assertThatIllegalArgumentException().isThrownBy(() -> VsicEditions.read(null, wrong))
				.withMessageContaining("division 68 is not in section N of VSIC 2025");
		}

		private Path copy(String table, java.util.function.UnaryOperator<String> change) throws IOException {
			String text;
			try (var in = VsicEditions.class.getResourceAsStream("/reference/" + table)) {
				text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			}
			Path file = Files.createTempFile(this.directory, "vsic", ".csv");
			Files.writeString(file, change.apply(text));
			return file;
		}

		/** The sections of VSIC 2025 again as a new edition from 2031, with W for 99. */
		private static String lines(VsicEditions editions, String name) {
			StringBuilder rows = new StringBuilder();
			for (VsicSection s : editions.sections(editions.edition(VsicEditions.VSIC_2025).orElseThrow())) {
				// division 98 moves from U to V
				int first = s.letter().equals("V") ? 98 : s.firstDivision();
				int last = s.letter().equals("U") ? 97 : s.lastDivision();
				rows.append(name)
					.append(",2031-01-01,,")
					.append(s.letter())
					.append(',')
					.append(VsicSection.twoDigits(first))
					.append(',')
					.append(VsicSection.twoDigits(last))
					.append(',')
					.append(s.name())
					.append('\n');
			}
			return rows.toString();
		}

	}

}
