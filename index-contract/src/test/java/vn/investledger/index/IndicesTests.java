package vn.investledger.index;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The contract between the indexer and the console: each document's fields are the fields
 * of its index's strict mapping, so that the indexer's writes are taken and the console's
 * queries name fields that exist.
 */
class IndicesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Each kind of index and the document written to it. */
	private static final Map<String, Class<? extends Record>> DOCUMENTS = Map.of("projects", ProjectDocument.class,
			"history", HistoryDocument.class, "totals", TotalDocument.class, "stock", StockDocument.class, "rejections",
			RejectionDocument.class);

	static List<String> kinds() {
		return Indices.KINDS;
	}

	@ParameterizedTest
	@MethodSource("kinds")
	void shouldMapEveryFieldOfTheDocumentAndNoOther(String kind) {
		JsonNode mappings = JSON.readTree(Indices.definition(kind)).get("mappings");
		Set<String> mapped = new TreeSet<>(mappings.get("properties").propertyNames());
		Set<String> written = new TreeSet<>(
				Arrays.stream(DOCUMENTS.get(kind).getRecordComponents()).map(RecordComponent::getName).toList());

		assertThat(mappings.get("dynamic").asString()).isEqualTo("strict");
		assertThat(mapped).as(kind).isEqualTo(written);
	}

	@Test
	void shouldNameEachAliasAndVersionAfterThePrefix() {
		Indices indices = new Indices("ledger");

		assertThat(indices.totals()).isEqualTo("ledger-totals");
		assertThat(indices.versioned(indices.projects(), 3)).isEqualTo("ledger-projects-v3");
		assertThat(Indices.versionOf("ledger-projects-v3")).isEqualTo(3);
		assertThat(Indices.versionOf("ledger-projects")).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> Indices.definition("districts"));
	}

}
