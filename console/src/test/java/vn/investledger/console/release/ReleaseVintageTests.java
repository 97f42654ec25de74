package vn.investledger.console.release;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.console.release.GeneratedLedger.Received;
import vn.investledger.events.AppliedEntry;
import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.ContributionForm;
import vn.investledger.events.Disbursed;
import vn.investledger.events.EventEnvelope;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.Sector;
import vn.investledger.events.Topic;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.console.ConsoleFixture.params;

/**
 * Vintages on a real Elasticsearch node and a real Kafka broker: events, then a
 * publication, then late corrections (received after it, dated in closed months). The
 * release as first published stays the same byte for byte, the current one differs, and
 * the revisions since publication name exactly the late events, each figure with the
 * events that changed it. The history rebuilt from the log (the applied entries written
 * to and read back from their topic, indexed into a new version of the index) gives the
 * same vintage and the same revisions. An event received before the publication but
 * indexed only after it makes the release regenerate otherwise, and the first-published
 * vintage is still the one published, from the JSON its publication keeps.
 */
@ConsoleTest
// nothing kept: the release as first published is regenerated from the history each time
@TestPropertySource(properties = "investledger.releases.cached=0")
class ReleaseVintageTests {

	private static final long SEED = Long.getLong("investledger.seed", System.nanoTime());

	private static final YearMonth MONTH = YearMonth.of(2025, 12);

	private static final String PATH = "/api/releases/" + MONTH;

	private final ConsoleFixture fixture;

	ReleaseVintageTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	/**
	 * A form's fields bind like the query string's: a misspelt one would publish the
	 * release of the default type under the admin's name.
	 */
	@Test
	void shouldRefuseAPublicationWhoseFormNamesAFieldItDoesNotTake() throws Exception {
		String month = "2025-11";
		HttpResponse<String> refused = this.fixture.postForm(ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD,
				"/api/admin/releases/" + month + "/publications", params("typ", "DDI"));

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(ConsoleFixture.JSON.readTree(refused.body()).get("detail").asString())
			.startsWith("\"typ\" is not a parameter of POST /api/admin/releases/" + month + "/publications")
			.contains("type");
		for (String type : List.of("FDI", "DDI")) {
			assertThat(this.fixture.getJson("/api/releases/" + month + "/publications", params("type", type)))
				.isEmpty();
		}

		// the same fields spelt right are taken from the body
		HttpResponse<String> published = this.fixture.postForm(ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD,
				"/api/admin/releases/" + month + "/publications", params("type", "DDI"));
		assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
		assertThat(published.headers().firstValue("Location").orElseThrow())
			.endsWith("?type=DDI&vintage=first-published");
	}

	@Test
	void shouldKeepTheReleaseAsFirstPublishedAndNameTheLateEventsThatRevisedIt() throws Exception {
		// Given a ledger, and a project of 2024 received with it
		GeneratedLedger generated = GeneratedLedger.generate(new Random(SEED), MONTH, 60, false);
		List<Received> received = new ArrayList<>(generated.events);
		Instant before = Instant.parse("2026-06-01T00:00:00Z");
		Licensed base = licence("8000000001", LocalDate.of(2024, 6, 1), "250000000.00", "KR");
		received.add(new Received(base, "31", before));
		List<AppliedEntry> known = GeneratedLedger.of(received).applied(this.fixture.topics);
		this.fixture.indexHistory(known);

		// When an admin publishes the FDI release
		HttpResponse<String> published = this.fixture.send("POST", ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD,
				"/api/admin/releases/" + MONTH + "/publications", params("type", "FDI"));
		assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
		JsonNode publication = ConsoleFixture.JSON.readTree(published.body());
		Instant publishedAt = Instant.parse(publication.get("publishedAt").asString());
		assertThat(publication.get("publishedBy").asString()).isEqualTo(ConsoleFixture.ADMIN);
		assertThat(published.headers().firstValue("Location").orElseThrow())
			.endsWith(PATH + "?type=FDI&vintage=first-published");
		// Then the release as first published is the release as known at that instant,
		// and hashes to what the publication recorded
		HttpResponse<String> first = firstPublished();
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(first.headers().firstValue("X-Vintage")).hasValue("first-published");
		assertThat(first.headers().firstValue("X-As-Of")).hasValue(publishedAt.toString());
		assertThat(first.headers().firstValue("X-Release-SHA256")).hasValue(publication.get("sha256").asString());
		assertThat(Vintages.sha256(first.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.isEqualTo(publication.get("sha256").asString());
		assertThat(this.fixture.get(PATH, params("asOf", publishedAt.toString())).body()).isEqualTo(first.body());
		assertThat(this.fixture.getJson(PATH + "/publications", params("type", "FDI"))).hasSize(1);

		// When late corrections arrive after the publication, dated in closed months:
		// a new licence, an adjustment and a disbursement of the 2024 project, a
		// contribution; and events the FDI release of 2025-12 does not count: a DDI
		// licence and an FDI licence of 2026
		Instant late = publishedAt.plusMillis(1);
		List<Received> corrections = new ArrayList<>();
		corrections.add(new Received(licence("8000000002", LocalDate.of(2025, 3, 10), "42000000.00", "JP"), "31",
				late.plusMillis(1)));
		corrections.add(new Received(
				new CapitalAdjusted(envelope("8000000001", 2, LocalDate.of(2025, 5, 2)), InvestmentType.FDI, 1,
						base.ircNumber(), Money.usd("5000000.00"), Money.usd("255000000.00")),
				"31", late.plusMillis(2)));
		corrections.add(new Received(new Disbursed(envelope("8000000001", 3, LocalDate.of(2025, 8, 8)),
				InvestmentType.FDI, Money.usd("1234567.89")), "31", late.plusMillis(3)));
		corrections.add(new Received(new CapitalContributed(envelope("0209999999", 1, LocalDate.of(2025, 7, 7)),
				InvestmentType.FDI, ContributionForm.SHARE_PURCHASE, true, "0209999999", "Công ty CP Cảng Đình Vũ",
				null, List.of(new Investor("Nhà đầu tư Singapore", "SG")), null, new Sector("H", "52"),
				Money.usd("3000000.00")), "31", late.plusMillis(4)));
		Licensed domestic = SampleEvents.withEnvelope(SampleEvents.ddiLicence("8000000003", "31", Money.vnd(1)),
				envelope("8000000003", 1, LocalDate.of(2025, 4, 4)));
		corrections.add(new Received(new Licensed(domestic.envelope(), domestic.investmentType(),
				domestic.projectName(), null, null, domestic.investors(), domestic.zoneCode(), domestic.sector(),
				Money.vnd(90_000_000_000L), null, null, null), "31", late.plusMillis(5)));
		corrections.add(new Received(licence("8000000004", LocalDate.of(2026, 1, 5), "7000000.00", "US"), "31",
				late.plusMillis(6)));
		received.addAll(corrections);
		List<AppliedEntry> all = GeneratedLedger.of(received).applied(this.fixture.topics);
		List<AppliedEntry> lateEntries = all.subList(known.size(), all.size());
		this.fixture.indexHistory(lateEntries);

		// Then the release as first published is unchanged, byte for byte
		assertThat(firstPublished().body()).isEqualTo(first.body());
		// and the current release differs: one more new project, the adjustment, the
		// contribution and the disbursement
		JsonNode then = ConsoleFixture.JSON.readTree(first.body());
		JsonNode now = this.fixture.getJson(PATH, params("type", "FDI"));
		assertThat(now).isNotEqualTo(then);
		Map<String, JsonNode> thenFigures = ReleaseTests.byFigure(then.get("tables"));
		Map<String, JsonNode> nowFigures = ReleaseTests.byFigure(now.get("tables"));
		assertThat(current(nowFigures, "new.projects") - current(thenFigures, "new.projects")).isEqualTo(1);
		assertThat(current(nowFigures, "adjusted.capital") - current(thenFigures, "adjusted.capital"))
			.isEqualTo(500_000_000L);
		assertThat(current(nowFigures, "realised.capital") - current(thenFigures, "realised.capital"))
			.isEqualTo(123_456_789L);

		// and the revisions since publication name exactly the late events the FDI
		// release of 2025-12 counts, each figure with the events that changed it
		JsonNode revisions = this.fixture.getJson(PATH + "/revisions", params("type", "FDI"));
		assertThat(Instant.parse(revisions.get("from").asString())).isEqualTo(publishedAt);
		Set<String> expected = new HashSet<>();
		for (AppliedEntry entry : lateEntries.subList(0, 4)) {
			expected.add(entry.eventId());
		}
		Set<String> listed = new HashSet<>();
		revisions.get("events").forEach((event) -> listed.add(event.get("eventId").asString()));
		assertThat(listed).as("seed %d", SEED).isEqualTo(expected);
		Map<String, Set<String>> causes = new java.util.TreeMap<>();
		for (JsonNode figure : revisions.get("figures")) {
			Set<String> codes = new java.util.TreeSet<>();
			figure.get("events")
				.forEach((event) -> codes
					.add(event.get("projectCode").asString() + "#" + event.get("revision").asLong()));
			causes.put(figure.get("figure").asString(), codes);
			assertThat(figure.get("events")).as(figure.toString()).isNotEmpty();
		}
		assertThat(causes).containsEntry("new.projects", Set.of("8000000002#1"))
			.containsEntry("adjusted.capital", Set.of("8000000001#2"))
			.containsEntry("contributions.raising", Set.of("0209999999#1"))
			.containsEntry("realised.capital", Set.of("8000000001#3"))
			.containsEntry("stock.valid", Set.of("8000000002#1"))
			.containsEntry("stock.registered.capital", Set.of("8000000001#2", "8000000002#1"))
			.containsEntry("stock.realised.capital", Set.of("8000000001#3"))
			.containsEntry("country.JP.new.capital", Set.of("8000000002#1"))
			.doesNotContainKey("previous.new.projects");
		JsonNode newProjects = revised(revisions, "new.projects");
		assertThat(newProjects.get("before").get("value").asLong()).isEqualTo(current(thenFigures, "new.projects"));
		assertThat(newProjects.get("after").get("value").asLong()).isEqualTo(current(nowFigures, "new.projects"));
		assertThat(revisions.get("events").get(0).get("history").asString())
			.startsWith("/api/search/projects/by-code/history?code=");

		// When the history is rebuilt from the log: every applied entry written to the
		// applied-events topic as the ledger writes it, read back, indexed anew
		List<AppliedEntry> log = throughTheLog(all);
		assertThat(log).containsAll(all);
		this.fixture.rebuildHistory(log, 2);
		// Then the vintage and the revisions are the same
		assertThat(firstPublished().body()).isEqualTo(first.body());
		assertThat(this.fixture.getJson(PATH + "/revisions", params("type", "FDI"))).isEqualTo(revisions);

		// When an event received before the publication is indexed only now (the ledger
		// held it for a missing revision)
		received.add(new Received(new Disbursed(envelope("8000000001", 4, LocalDate.of(2025, 9, 9)), InvestmentType.FDI,
				Money.usd("10.00")), "31", publishedAt.minusSeconds(60)));
		List<AppliedEntry> withHeld = GeneratedLedger.of(received).applied(this.fixture.topics);
		this.fixture.indexHistory(withHeld.subList(withHeld.size() - 1, withHeld.size()));
		// Then the release regenerated at the publication's instant is not the one
		// published, but the first-published vintage is still the one published, byte
		// for byte, from the JSON its publication keeps
		assertThat(this.fixture.getJson(PATH, params("type", "FDI", "asOf", publishedAt.toString())))
			.isNotEqualTo(ConsoleFixture.JSON.readTree(first.body()));
		HttpResponse<String> kept = firstPublished();
		assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
		assertThat(kept.body()).isEqualTo(first.body());
		assertThat(kept.headers().firstValue("X-Release-SHA256")).hasValue(publication.get("sha256").asString());
		// (answers name the publication without the JSON it keeps)
		assertThat(publication.has("publishedJson")).isFalse();
	}

	private HttpResponse<String> firstPublished() {
		return this.fixture.get(PATH, params("type", "FDI", "vintage", "first-published"));
	}

	private static long current(Map<String, JsonNode> figures, String figure) {
		return ReleaseTests.exact(figures.get(figure).get("current"));
	}

	private static JsonNode revised(JsonNode revisions, String figure) {
		for (JsonNode revised : revisions.get("figures")) {
			if (revised.get("figure").asString().equals(figure)) {
				return revised;
			}
		}
		throw new AssertionError("no revision of " + figure + " in " + revisions);
	}

	/** The entries written to the applied-events topic, six partitions, and read back. */
	private List<AppliedEntry> throughTheLog(List<AppliedEntry> entries) throws Exception {
		Topic<String, AppliedEntry> topic = this.fixture.topics.appliedEvents();
		String servers = RealServers.kafka().bootstrapServers();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
			admin.createTopics(List.of(new NewTopic(topic.name(), 6, (short) 1))).all().get();
		}
		// one record at a time, each acknowledged (a retry may write one twice: the index
		// keeps one document per project revision, as the indexer's rebuild does)
		try (KafkaProducer<String, AppliedEntry> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
						ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
				topic.keySerde().serializer(), topic.valueSerde().serializer())) {
			for (AppliedEntry entry : entries) {
				producer.send(new ProducerRecord<>(topic.name(), entry.projectCode(), entry)).get();
			}
		}
		List<AppliedEntry> read = new ArrayList<>();
		try (KafkaConsumer<String, AppliedEntry> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.GROUP_ID_CONFIG,
						this.fixture.prefix + "-history-indexer", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
			consumer.subscribe(List.of(topic.name()));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (!read.containsAll(entries) && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, AppliedEntry> record : consumer.poll(Duration.ofMillis(200))) {
					read.add(record.value());
				}
			}
			consumer.commitSync();
		}
		return read;
	}

	static Licensed licence(String code, LocalDate day, String capital, String country) {
		Licensed template = SampleEvents.fdiLicence(code, "31", Money.usd(capital));
		return new Licensed(envelope(code, 1, day), template.investmentType(), template.projectName(),
				template.ircNumber(), template.enterpriseCode(),
				List.of(new Investor("Nhà đầu tư " + country, country)), template.zoneCode(), template.sector(),
				template.registeredCapital(), template.landAreaHa(), template.plannedEmployment(),
				template.durationYears());
	}

	static EventEnvelope envelope(String code, long revision, LocalDate day) {
		return new EventEnvelope(EventEnvelope.CURRENT_SCHEMA_VERSION, UUID.randomUUID(), code, revision, "31", day,
				day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
	}

}
