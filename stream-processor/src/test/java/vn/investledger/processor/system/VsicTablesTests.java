package vn.investledger.processor.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.investledger.events.reference.VsicEditions;
import vn.investledger.processor.intake.Intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The processor judges sectors by the VSIC tables it is configured with
 * ({@code investledger.vsic-sections}, {@code investledger.vsic-correspondence}), handed
 * to the ledger through the streams settings.
 */
class VsicTablesTests {

	private final StreamsConfiguration configuration = new StreamsConfiguration();

	@Test
	void shouldHandTheShippedTablesToTheLedgerWhenNoneIsConfigured() {
		VsicEditions editions = this.configuration.vsicEditions(new VsicTablesProperties(null, null));

		assertThat(editions).isSameAs(VsicEditions.standard());
		assertThat(streamsSettings(editions).get(Intake.VSIC_EDITIONS_CONFIG)).isSameAs(editions);
	}

	@Test
	void shouldHandADeploymentsTablesToTheLedger(@TempDir Path directory) throws Exception {
		Path sections = directory.resolve("vsic-sections.csv");
		Files.writeString(sections, shipped().replace(",2025-11-14,", ",2025-11-30,")
			.replace("VSIC 2025,2025-11-15,", "VSIC 2025,2025-12-01,"));

		VsicEditions editions = this.configuration.vsicEditions(new VsicTablesProperties(sections, null));

		assertThat(editions.inForceOn(LocalDate.of(2025, 11, 30)).name()).isEqualTo("VSIC 2018");
		assertThat(streamsSettings(editions).get(Intake.VSIC_EDITIONS_CONFIG)).isSameAs(editions);
	}

	@Test
	void shouldRefuseToStartOnAMalformedTableNamingTheRow(@TempDir Path directory) throws Exception {
		Path sections = directory.resolve("vsic-sections.csv");
		Files.writeString(sections, shipped().replace("VSIC 2025,2025-11-15,,K,61,63", "VSIC 2025,2025-11-15,,K,61"));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.configuration.vsicEditions(new VsicTablesProperties(sections, null)))
			.withMessageContaining(sections.toString())
			.withMessageContaining("row 32");
	}

	private static java.util.Map<String, Object> streamsSettings(VsicEditions editions) {
		return StreamsConfiguration.ledgerSettings(editions);
	}

	private static String shipped() throws Exception {
		try (var in = VsicEditions.class.getResourceAsStream("/reference/vsic-sections.csv")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
