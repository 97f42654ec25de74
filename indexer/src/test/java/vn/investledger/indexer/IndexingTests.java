package vn.investledger.indexer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.IndexState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.indexer.indexing.DeadLetters;
import vn.investledger.indexer.indexing.IndexSetup;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.indexer.IndexerFixture.params;
import static vn.investledger.indexer.IndexerFixture.state;

/**
 * The indexer on a real broker and a real Elasticsearch node: idempotent writes, external
 * versions, tombstones, the dead-letter topic and the indices' refresh intervals.
 */
@IndexerTest
class IndexingTests {

	private static final IndexerFixture fixture = IndexerFixture.withUniquePrefix("ix");

	@LocalServerPort
	private int port;

	@Autowired
	private ElasticsearchClient client;

	@Autowired
	private IndexSetup indexSetup;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		fixture.register(registry);
	}

	@AfterAll
	static void close() {
		fixture.close();
	}

	private JsonNode project(String code) {
		fixture.port(this.port);
		return fixture.getJson("/api/search/projects/" + code, Map.of());
	}

	private int status(String path) {
		fixture.port(this.port);
		return fixture.get(path, Map.of()).statusCode();
	}

	@Test
	void shouldGiveTheSameResultWhenTheSameBatchIsIndexedTwice() {
		List<ProjectState> batch = List.of(state("TWICE-1", 2, "Nhà máy Một", "HP-DEEP-C", "KR", "C", "1000000.50"),
				state("TWICE-2", 1, "Nhà máy Hai", "HP-DEEP-C", "JP", "C", "2500000"),
				state("TWICE-3", 4, "Nhà máy Ba", "HP-TRANG-DUE", "CN", "D", "99.99"));
		batch.forEach(fixture::publishState);
		await().atMost(Duration.ofSeconds(60)).until(() -> status("/api/search/projects/TWICE-3") == 200);
		fixture.awaitConsumed(fixture.group("projects"), fixture.topics.projectState().name());
		List<JsonNode> first = batch.stream().map((s) -> project(s.projectCode())).toList();

		batch.forEach(fixture::publishState);
		fixture.awaitConsumed(fixture.group("projects"), fixture.topics.projectState().name());

		List<JsonNode> second = batch.stream().map((s) -> project(s.projectCode())).toList();
		assertThat(second).isEqualTo(first);
		assertThat(second.get(0).get("registeredCapital").get("minorUnits").asLong()).isEqualTo(100_000_050L);
		assertThat(second.get(2).get("revision").asLong()).isEqualTo(4);
		// searchable once Elasticsearch has refreshed (every second)
		fixture.port(this.port);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					fixture.getJson("/api/search/projects", params("q", "TWICE-1", "size", "50")).get("total").asLong())
				.isEqualTo(1));
	}

	@Test
	void shouldNeverLetAnOlderRevisionOverwriteANewerOne() {
		fixture.publishState(state("ORDER-1", 3, "Dự án Ba", "HP-DEEP-C", "KR", "C", "300"));
		fixture.publishState(state("ORDER-1", 2, "Dự án Hai", "HP-DEEP-C", "KR", "C", "200"));
		fixture.awaitConsumed(fixture.group("projects"), fixture.topics.projectState().name());
		await().atMost(Duration.ofSeconds(30)).until(() -> status("/api/search/projects/ORDER-1") == 200);

		JsonNode project = project("ORDER-1");
		assertThat(project.get("revision").asLong()).isEqualTo(3);
		assertThat(project.get("registeredCapital").get("minorUnits").asLong()).isEqualTo(30_000);

		// a late event applied under the same revision still updates the project
		fixture.publishState(state("ORDER-1", 3, "Dự án Ba (đổi tên)", "HP-DEEP-C", "KR", "C", "300"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(project("ORDER-1").get("projectName").asString()).isEqualTo("Dự án Ba (đổi tên)"));
	}

	@Test
	void shouldMakeProjectsSearchableEveryHalfSecondAndTheRestEverySecond() throws Exception {
		// a project is searchable at the next refresh: the projects index is the one that
		// tells an official a licence has arrived
		Map<String, String> expected = Map.of("projects", "500ms", "history", "1s", "totals", "1s", "stock", "1s",
				"rejections", "1s");
		assertThat(refreshIntervals()).isEqualTo(expected);

		// an index made by an earlier version, refreshed every second, takes the
		// template's interval when the indexer starts again
		this.client.indices()
			.putSettings((request) -> request.index(fixture.prefix + "-projects")
				.settings((settings) -> settings.refreshInterval((time) -> time.time("1s"))));
		assertThat(refreshIntervals()).containsEntry("projects", "1s");
		this.indexSetup.afterPropertiesSet();
		assertThat(refreshIntervals()).isEqualTo(expected);
	}

	@Test
	void shouldAddTheTemplatesNewFieldsToAnIndexMadeByAnEarlierVersion() throws Exception {
		// an index of an earlier version, whose strict mapping lacks a field the template
		// added since
		String earlier = fixture.prefix + "-earlier-v1";
		this.client.indices()
			.create((create) -> create.index(earlier)
				.withJson(new java.io.StringReader(
						"{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"projectCode\":{\"type\":\"keyword\"}}}}")));

		this.indexSetup.applyNewFields(earlier, "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{"
				+ "\"projectCode\":{\"type\":\"keyword\"},\"ownerUnit\":{\"type\":\"keyword\"}}}}");

		assertThat(this.client.indices()
			.getMapping((mapping) -> mapping.index(earlier))
			.get(earlier)
			.mappings()
			.properties()).containsKeys("projectCode", "ownerUnit");
	}

	private Map<String, String> refreshIntervals() throws Exception {
		Map<String, String> intervals = new HashMap<>();
		for (String kind : List.of("projects", "history", "totals", "stock", "rejections")) {
			Map<String, IndexState> indices = this.client.indices()
				.getSettings((settings) -> settings.index(fixture.prefix + "-" + kind))
				.settings();
			assertThat(indices).hasSize(1);
			intervals.put(kind, indices.values().iterator().next().settings().index().refreshInterval().time());
		}
		return intervals;
	}

	@Test
	void shouldDeleteOnATombstone() {
		fixture.publishState(state("GONE-1", 1, "Dự án tạm", null, "SG", "C", "5"));
		Total figure = Total.zero("province", Map.of("province", "31"), "2031", InvestmentType.FDI);
		fixture.send(fixture.topics.totals().name(), figure.key(),
				Topics.totalSerde().serializer().serialize("", figure));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> status("/api/search/projects/GONE-1") == 200
					&& status("/api/search/totals?cuboid=province&province=31&period=2031") == 200);

		fixture.send(fixture.topics.projectState().name(), "GONE-1", null);
		fixture.send(fixture.topics.totals().name(), figure.key(), null);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> status("/api/search/projects/GONE-1") == 404
					&& status("/api/search/totals?cuboid=province&province=31&period=2031") == 404);
	}

	@Test
	void shouldDeadLetterWhatElasticsearchRefusesOrNobodyCanReadAndIndexTheRest() {
		byte[] garbage = "{\"cuboid\": ".getBytes(StandardCharsets.UTF_8);
		// the mapping is strict: a dimension it does not know is refused
		Total unmapped = Total.zero("district", Map.of("district", "Ngô Quyền"), "all", InvestmentType.FDI);
		Total good = new Total("national", Map.of(), "2032", InvestmentType.DDI, Money.vnd(265_000_000_000L), 1,
				Money.vnd(0), 0, Money.vnd(0), 0, Money.vnd(0), null, null);
		String totals = fixture.topics.totals().name();
		fixture.send(totals, "garbage", garbage);
		fixture.send(totals, unmapped.key(), Topics.totalSerde().serializer().serialize("", unmapped));
		fixture.send(totals, good.key(), Topics.totalSerde().serializer().serialize("", good));

		List<ConsumerRecord<String, byte[]>> dead = Records.drain(RealServers.kafka(), fixture.prefix + ".indexer.dlq",
				2, new StringDeserializer(), new ByteArrayDeserializer());

		assertThat(dead).anySatisfy((record) -> {
			assertThat(record.key()).isEqualTo("garbage");
			assertThat(record.value()).isEqualTo(garbage);
			assertThat(header(record, DeadLetters.REASON)).startsWith("unreadable:");
			assertThat(header(record, DeadLetters.SOURCE_TOPIC)).isEqualTo(totals);
		});
		assertThat(dead).anySatisfy((record) -> {
			assertThat(record.key()).isEqualTo(unmapped.key());
			assertThat(header(record, DeadLetters.STATUS)).isEqualTo("400");
			assertThat(header(record, DeadLetters.REASON)).contains("strict_dynamic_mapping_exception");
		});
		await().atMost(Duration.ofSeconds(30))
			.until(() -> status("/api/search/totals?cuboid=national&period=2032&type=DDI") == 200);
		fixture.port(this.port);
		assertThat(fixture.getJson("/api/search/totals", params("cuboid", "national", "period", "2032", "type", "DDI"))
			.get("newCapital")
			.get("minorUnits")
			.asLong()).isEqualTo(265_000_000_000L);
		// the national cuboid is the default
		assertThat(fixture.getJson("/api/search/totals", params("period", "2032", "type", "DDI"))
			.get("newCapital")
			.get("minorUnits")
			.asLong()).isEqualTo(265_000_000_000L);
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
