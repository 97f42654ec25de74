package vn.investledger.events.rulebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.investledger.events.reference.UsdRates;
import vn.investledger.events.reference.VsicEditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tables' fingerprints: equal for the same rows wherever they were read from, and
 * different, table by table, when a row changes.
 */
class RulesTests {

	@Test
	void shouldFingerprintTheSameRowsAlikeWhateverTheFileSays(@TempDir Path work) throws IOException {
		Path calendar = write(work, "calendar.csv", """
				from_year,cut_off,december,source
				1987,20,20,another description of the same rule
				2024,20,end,
				2025,end,end,
				""");
		Path rates = write(work, "rates.csv", """
				# a comment
				from,vnd_per_usd,name
				2023-01-01,23400.00,press-implied 2023
				2024-01-01,24360,press-implied 2024
				""");

		Rules read = new Rules(ReportCalendar.read(calendar), UsdRates.read(rates), VsicEditions.read(null, null));

		assertThat(read.fingerprints()).isEqualTo(Rules.standard().fingerprints())
			.containsOnlyKeys("calendar", "rates", "vsic", "provinces", "counting")
			.allSatisfy((table, fingerprint) -> assertThat(fingerprint).matches("[0-9a-f]{64}"));
	}

	@Test
	void shouldTellWhichTableChanged(@TempDir Path work) throws IOException {
		Path calendar = write(work, "calendar.csv", """
				from_year,cut_off,december,source
				1987,20,20,
				2024,20,end,
				2025,25,end,a cut-off on the 25th from 2025
				""");
		Path rates = write(work, "rates.csv", """
				from,vnd_per_usd,name
				2023-01-01,23400,press-implied 2023
				2024-01-01,24361,press-implied 2024
				""");
		Map<String, String> shipped = Rules.standard().fingerprints();

		Map<String, String> newCalendar = new Rules(ReportCalendar.read(calendar), UsdRates.standard(),
				VsicEditions.standard())
			.fingerprints();
		Map<String, String> newRates = new Rules(ReportCalendar.standard(), UsdRates.read(rates),
				VsicEditions.standard())
			.fingerprints();

		assertThat(newCalendar.get("calendar")).isNotEqualTo(shipped.get("calendar"));
		assertThat(newCalendar).containsEntry("rates", shipped.get("rates")).containsEntry("vsic", shipped.get("vsic"));
		assertThat(newRates.get("rates")).isNotEqualTo(shipped.get("rates"));
		assertThat(newRates).containsEntry("calendar", shipped.get("calendar"))
			.containsEntry("vsic", shipped.get("vsic"));
	}

	@Test
	void shouldTellAnEditionsNewDates(@TempDir Path work) throws IOException {
		String shipped;
		try (var in = VsicEditions.class.getResourceAsStream("/reference/vsic-sections.csv")) {
			shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Path sections = write(work, "vsic-sections.csv", shipped.replace(",2025-11-14,", ",2025-11-30,")
			.replace("VSIC 2025,2025-11-15,", "VSIC 2025,2025-12-01,"));

		Rules moved = new Rules(ReportCalendar.standard(), UsdRates.standard(), VsicEditions.read(sections, null));

		assertThat(moved.fingerprints().get("vsic")).isNotEqualTo(Rules.standard().fingerprints().get("vsic"));
	}

	@Test
	void shouldTakeARecordWrittenBeforeTheCountingRulesWereNamedAsCountedByTheFirstVersionThatNamedThem() {
		Map<String, String> earlier = new java.util.LinkedHashMap<>(Rules.standard().fingerprints());
		earlier.remove(Rules.COUNTING);
		Map<String, String> other = new java.util.LinkedHashMap<>(Rules.standard().fingerprints());
		other.put(Rules.COUNTING, "another version's");

		assertThat(Rules.namingCounting(earlier)).containsKey(Rules.COUNTING);
		// as counted by the first version that named its rules: this one counts
		// otherwise (the status folded in revision order), so such figures count again
		assertThat(Rules.COUNTING_VERSION).isNotEqualTo(Rules.UNNAMED_COUNTING_VERSION);
		Map<String, String> named = new java.util.LinkedHashMap<>(Rules.namingCounting(earlier));
		assertThat(named.remove(Rules.COUNTING)).isNotEqualTo(Rules.standard().fingerprints().get(Rules.COUNTING));
		assertThat(named).isEqualTo(earlier);
		assertThat(Rules.namingCounting(other)).isEqualTo(other);
		assertThat(Rules.namingCounting(null)).isNull();
	}

	private static Path write(Path directory, String name, String text) throws IOException {
		return Files.writeString(directory.resolve(name), text, StandardCharsets.UTF_8);
	}

}
