package vn.investledger.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.index.Indices;
import vn.investledger.indexer.indexing.IndexSetup;
import vn.investledger.localstack.LocalElasticsearch;
import vn.investledger.localstack.LocalStack;
import vn.investledger.platform.PlatformServices.ElasticsearchUser;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The roles docker/ gives the indexer and the console in Elasticsearch
 * ({@code docker/elasticsearch/indexer-role.json}, {@code console-role.json}), as they
 * are, on a node with security on: the platform starts under them, indexes a licence (the
 * project, its history entry, its figures), an admin's rebuild of the projects runs, an
 * official finds the project, and the platform starts again on the indices it made (the
 * indexer's role once lacked the read its start needs then, and every start after the
 * first failed). Not exercised: the indexer's search of the history after a replay's
 * mark, and a lease another rebuild holds. The test suite's shared node has security off,
 * so only this class proves the roles. Tagged {@code cluster}: it runs with the cluster's
 * command.
 */
@Tag("cluster")
@ExtendWith(RealServers.class)
class ElasticsearchRolesTests {

	private static final Path ROLES = Path.of("..", "docker", "elasticsearch");

	/** The index prefix the roles name: docker/'s {@code INDEX_PREFIX}. */
	private static final String INDEX_PREFIX = "ledger";

	private static final String UNIT = "31";

	private static final HttpClient http = HttpClient.newHttpClient();

	/** The local platform's official and admin (their accounts and Basic headers). */
	private static final PlatformServices.Account OFFICIAL = account("OFFICIAL");

	private static final PlatformServices.Account ADMIN = account("ADMIN");

	@Test
	void shouldStartSearchAndRebuildUnderTheRolesOfDockerAndStartAgainOnTheIndicesMade(KafkaServer kafka,
			@TempDir Path state) throws Exception {
		String indexerRole = Files.readString(ROLES.resolve("indexer-role.json"), StandardCharsets.UTF_8);
		String consoleRole = Files.readString(ROLES.resolve("console-role.json"), StandardCharsets.UTF_8);
		// the indexer's role as it was before 2026-12-07, without read on the projects'
		// indices
		String olderRole = indexerRole.replace("\"ledger-projects-*\", ", "");
		ElasticsearchUser indexer = new ElasticsearchUser("investledger-indexer", secret());
		ElasticsearchUser console = new ElasticsearchUser("investledger-console", secret());
		ElasticsearchUser olderIndexer = new ElasticsearchUser("indexer-of-the-older-role", secret());
		String roles = String.join("\n", "investledger-indexer: " + flat(indexerRole),
				"investledger-console: " + flat(consoleRole), "older-indexer: " + flat(olderRole), "");

		try (LocalElasticsearch elasticsearch = LocalStack.startSecuredElasticsearch(roles,
				List.of(user(indexer, "investledger-indexer"), user(console, "investledger-console"),
						user(olderIndexer, "older-indexer")))) {
			// no request without a user
			HttpResponse<String> anonymous = http.send(
					HttpRequest.newBuilder(URI.create(elasticsearch.url() + "/_cluster/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(anonymous.statusCode()).isEqualTo(401);
			String topicPrefix = "roles" + UUID.randomUUID().toString().substring(0, 8);
			String key = "key-" + UUID.randomUUID();
			PlatformServices.Settings settings = new PlatformServices.Settings(kafka.bootstrapServers(),
					elasticsearch.url(), topicPrefix, INDEX_PREFIX, 0, 0, 0, 0, state, Map.of(UNIT, key))
				.withElasticsearchUsers(indexer, console);
			Licensed licence = SampleEvents.fdiLicence("ROLES-" + UUID.randomUUID(), UNIT, Money.usd("2500000"));
			String projects = new Indices(INDEX_PREFIX).alias("projects");

			// Given the platform started under the roles, which made the indices and
			// indexed a licence: the project, its history entry and its figures, each
			// written in bulk into its versioned index
			try (PlatformServices services = PlatformServices.start(settings, List.of(UNIT))) {
				HttpResponse<String> sent = http
					.send(HttpRequest.newBuilder(URI.create(services.gatewayUrl() + "/api/v1/events"))
						.header("Content-Type", "application/json")
						.header("X-API-Key", key)
						.POST(HttpRequest.BodyPublishers.ofString(EventJson.toJson(licence)))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertFound(services, licence));
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
					HttpResponse<String> history = send("GET", services.consoleUrl() + "/api/search/projects/"
							+ licence.envelope().projectCode() + "/history", OFFICIAL);
					assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
					assertThat(history.body()).contains(licence.envelope().eventId().toString());
				});
				// an admin's rebuild takes its lease, makes the next index and moves the
				// alias under the indexer's role
				HttpResponse<String> rebuild = send("POST",
						services.indexerUrl() + "/api/admin/rebuilds?kinds=projects", ADMIN);
				assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(202);
				await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
					HttpResponse<String> status = send("GET", services.indexerUrl() + "/api/admin/rebuilds", ADMIN);
					JsonNode body = EventJson.mapper().readTree(status.body());
					assertThat(body.get("state").asString()).as(status.body()).isEqualTo("done");
					assertThat(body.get("done").get(0).get("current").asString()).isEqualTo(projects + "-v2");
				});
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertFound(services, licence));
			}

			// When it starts again, on the indices it made
			try (PlatformServices services = PlatformServices.start(settings, List.of(UNIT))) {
				// Then the indexer starts, having counted the projects without a name
				// order, which its role lets it read
				IndexSetup setup = services.indexer().getBean(IndexSetup.class);
				assertThat(setup.projectsWithoutNameOrder(setup.currentIndex(projects))).isZero();
				assertFound(services, licence);
			}

			// And an indexer whose role cannot count them starts all the same: the
			// count is advice, and the indexer writes without it
			try (PlatformServices services = PlatformServices
				.start(settings.withElasticsearchUsers(olderIndexer, console), List.of(UNIT))) {
				IndexSetup setup = services.indexer().getBean(IndexSetup.class);
				String current = setup.currentIndex(projects);
				assertThatExceptionOfType(ElasticsearchException.class)
					.isThrownBy(() -> setup.projectsWithoutNameOrder(current))
					.satisfies((refused) -> assertThat(refused.status()).isEqualTo(403));
				assertThat(services.indexer().isActive()).isTrue();
			}
		}
	}

	/** An official's search through the console, under the console's role, finds it. */
	private static void assertFound(PlatformServices services, Licensed licence) throws Exception {
		HttpResponse<String> search = send("GET", services.consoleUrl() + "/api/search/projects?province=" + UNIT,
				OFFICIAL);
		assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
		JsonNode page = EventJson.mapper().readTree(search.body());
		assertThat(page.get("total").asLong()).as(search.body()).isEqualTo(1);
		assertThat(search.body()).contains(licence.envelope().projectCode());
	}

	private static HttpResponse<String> send(String method, String url, PlatformServices.Account account)
			throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("Authorization", account.authorization())
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static PlatformServices.Account account(String role) {
		return PlatformServices.LOCAL_ACCOUNTS.stream()
			.filter((account) -> account.role().equals(role))
			.findFirst()
			.orElseThrow();
	}

	private static LocalElasticsearch.User user(ElasticsearchUser user, String role) {
		return new LocalElasticsearch.User(user.name(), user.password(), List.of(role));
	}

	/** A role's JSON on one line, as a YAML flow mapping under its name. */
	private static String flat(String json) {
		return EventJson.mapper().readTree(json).toString();
	}

	private static String secret() {
		return UUID.randomUUID().toString();
	}

}
