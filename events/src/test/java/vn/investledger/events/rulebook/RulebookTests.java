package vn.investledger.events.rulebook;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rulebook is readable on its own: no Kafka, Spring or Jackson in it, and each name
 * defined once.
 */
class RulebookTests {

	@Test
	void shouldDependOnNoInfrastructure() {
		JavaClasses rulebook = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("vn.investledger.events.rulebook");

		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "org.springframework..", "tools.jackson..",
					"com.fasterxml.jackson..")
			.check(rulebook);
	}

	@Test
	void shouldAcceptExactlyTheCuboidsInItsGrammar() {
		Pattern grammar = Pattern.compile(Cuboid.GRAMMAR);

		assertThat(Arrays.stream(Cuboid.values()).map(Cuboid::id)).allMatch((id) -> grammar.matcher(id).matches());
		assertThat(grammar.pattern().split("\\|")).hasSize(Cuboid.values().length);
		assertThat(grammar.matcher("province+province").matches()).isFalse();
	}

	@Test
	void shouldGiveEachCuboidItsDimensionsFromACell() {
		Map<String, String> cell = Map.of("province", "30", "restated", "31", "zone", "HD-DAI-AN", "country", "KR",
				"sector", "C");

		assertThat(Cuboid.NATIONAL.dimensionsOf(cell)).isEmpty();
		assertThat(Cuboid.PROVINCE.dimensionsOf(cell)).isEqualTo(Map.of("province", "30"));
		assertThat(Cuboid.PROVINCE_RESTATED.dimensionsOf(cell)).isEqualTo(Map.of("province", "31"));
		assertThat(Cuboid.PROVINCE_ZONE.dimensionsOf(cell)).isEqualTo(Map.of("province", "30", "zone", "HD-DAI-AN"));
		assertThat(Cuboid.PROVINCE_COUNTRY.dimensionsOf(cell)).isEqualTo(Map.of("province", "30", "country", "KR"));
		assertThat(Cuboid.PROVINCE_SECTOR.dimensionsOf(cell)).isEqualTo(Map.of("province", "30", "sector", "C"));
		assertThat(Cuboid.COUNTRY.dimensionsOf(cell)).isEqualTo(Map.of("country", "KR"));
		assertThat(Cuboid.SECTOR.dimensionsOf(cell)).isEqualTo(Map.of("sector", "C"));
		// a cell without a zone does not count by zone
		assertThat(Cuboid.PROVINCE_ZONE.dimensionsOf(Map.of("province", "30", "restated", "31"))).isNull();
	}

	@Test
	void shouldAcceptExactlyThePeriodsOfItsGrammar() {
		assertThat(Arrays.asList("all", "2024", "2024-Q4", "2024-01", "2024-12", "2024-R01", "2024-R12"))
			.allMatch(Periods::isPeriod);
		assertThat(Arrays.asList("ALL", "24", "2024-Q5", "2024-13", "2024-00", "2024-R13", "2024-R00", "2024-1", ""))
			.noneMatch(Periods::isPeriod);
		assertThat(Periods.releaseOf("2024-R03")).hasValueSatisfying((m) -> assertThat(m.getMonthValue()).isEqualTo(3));
		assertThat(Periods.releaseOf("2024-03")).isEmpty();
	}

}
