package vn.investledger.producers.publisher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.investledger.events.EventEnvelope;
import vn.investledger.events.EventJson;
import vn.investledger.events.EventTooLargeException;
import vn.investledger.events.EventValidator;
import vn.investledger.events.InvalidEventException;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Limits;
import vn.investledger.events.Money;
import vn.investledger.events.Topics;
import vn.investledger.events.Violation;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.ProjectLife;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(RealServers.class)
class LicensingEventPublisherTests {

	private KafkaServer kafka;

	private String prefix;

	@BeforeEach
	void uniquePrefix(KafkaServer kafka) {
		this.kafka = kafka;
		this.prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void shouldWriteTheEventAsJsonKeyedByProjectCodeToTheProvinceTopic() {
		Licensed licence = SampleEvents.fdiLicence("2104567890", "31", Money.usd("1000000000.50"));

		Published published;
		try (LicensingEventPublisher publisher = publisher("31")) {
			published = publisher.publish(licence);
		}

		assertThat(published.topic()).isEqualTo(this.prefix + ".events.31");
		assertThat(published.eventId()).isEqualTo(licence.envelope().eventId());
		List<ConsumerRecord<String, byte[]>> records = drain(published.topic(), 1);
		assertThat(records).singleElement().satisfies((record) -> {
			assertThat(record.key()).isEqualTo("2104567890");
			assertThat(record.offset()).isEqualTo(published.offset());
			assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("Nhà máy linh kiện điện tử")
				.contains("\"minorUnits\":100000000050");
			assertThat(EventJson.read(record.value())).isEqualTo(licence);
		});
	}

	/**
	 * What a caller chains on a publication runs off the producer's network thread: a
	 * chained publish, which waits for its own acknowledgement, would otherwise wait for
	 * the very thread it holds.
	 */
	@Test
	void shouldRunWhatIsChainedOnAPublicationOffTheProducersThread() throws Exception {
		Licensed licence = SampleEvents.fdiLicence("2104567891", "31", Money.usd("1000000"));
		Licensed other = SampleEvents.fdiLicence("2104567892", "31", Money.usd("2000000"));

		try (LicensingEventPublisher publisher = publisher("31")) {
			List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
			Published second = publisher.publishAsync(licence).thenApply((first) -> {
				threads.add(Thread.currentThread().getName());
				return publisher.publish(other);
			}).get(30, java.util.concurrent.TimeUnit.SECONDS);

			assertThat(second.projectCode()).isEqualTo("2104567892");
			assertThat(threads).singleElement().asString().doesNotStartWith("kafka-producer-network-thread");
		}
	}

	/**
	 * A publication the broker refuses completes off the producer's thread too: a retry
	 * chained on the failure would otherwise wait for the thread it holds.
	 */
	@Test
	void shouldRunWhatIsChainedOnAFailedPublicationOffTheProducersThread() throws Exception {
		// Given Hải Phòng's topic takes no record as large as an event
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.kafka.bootstrapServers()))) {
			admin
				.createTopics(List.of(new NewTopic(this.prefix + ".events.31", 1, (short) 1)
					.configs(Map.of("max.message.bytes", "200"))))
				.all()
				.get(30, java.util.concurrent.TimeUnit.SECONDS);
		}
		Licensed licence = SampleEvents.fdiLicence("2104567893", "31", Money.usd("1000000"));

		try (LicensingEventPublisher publisher = publisher("31")) {
			// When a publication is refused, and the caller chains a retry on the failure
			List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
			Throwable retried = publisher.publishAsync(licence).handle((published, failure) -> {
				threads.add(Thread.currentThread().getName());
				try {
					publisher.publish(licence);
					return null;
				}
				catch (PublishException ex) {
					return ex;
				}
			}).get(60, java.util.concurrent.TimeUnit.SECONDS);

			// Then the retry ran, and failed alike, off the producer's thread
			assertThat(retried).isInstanceOf(PublishException.class);
			assertThat(threads).singleElement().asString().doesNotStartWith("kafka-producer-network-thread");
		}
	}

	@Test
	void shouldRefuseAnInvalidEventAndSendNothing() {
		Licensed licence = SampleEvents.fdiLicence("2104567891", "31", Money.usd("5"));
		EventEnvelope e = licence.envelope();
		Licensed invalid = SampleEvents.withEnvelope(licence,
				new EventEnvelope(e.schemaVersion(), e.eventId(), "", 0L, "31", e.effectiveDate(), e.emittedAt()));

		try (LicensingEventPublisher publisher = publisher("31")) {
			assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> publisher.publish(invalid))
				.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field)
					.containsExactly("envelope.projectCode", "envelope.revision"));
			// a valid event afterwards is the first and only record of the topic
			publisher.publish(licence);
		}

		assertThat(drain(this.prefix + ".events.31", 1)).extracting(ConsumerRecord::key).containsExactly("2104567891");
	}

	@Test
	void shouldRefuseAnEventOfAnotherProvinceAndSendNothing() {
		Licensed hungYen = SampleEvents.fdiLicence("0901234567", "33", Money.usd("7000000"));
		Licensed haiPhong = SampleEvents.fdiLicence("0201234567", "31", Money.usd("7000000"));

		try (LicensingEventPublisher publisher = publisher("31")) {
			assertThatExceptionOfType(WrongProvinceException.class).isThrownBy(() -> publisher.publish(hungYen))
				.withMessageContaining("province 31")
				.withMessageContaining("province 33");
			publisher.publish(haiPhong);
		}

		assertThat(drain(this.prefix + ".events.31", 1)).extracting(ConsumerRecord::key).containsExactly("0201234567");
	}

	@Test
	void shouldPublishTheHistoricalEventsOfAnAbsorbedUnitToItsOwnTopic() {
		// Hải Dương (30) licensed this in 2024; since 1 July 2025 Hải Phòng (31)
		// publishes its events
		Licensed haiDuong = SampleEvents.fdiLicence("0800123456", "30", Money.usd("680000000"));

		Published published;
		try (LicensingEventPublisher publisher = publisher("31")) {
			assertThat(publisher.publishableProvinces()).containsExactly("30", "31");
			published = publisher.publish(haiDuong);
		}

		assertThat(published.topic()).isEqualTo(this.prefix + ".events.31");
		assertThat(drain(published.topic(), 1)).singleElement()
			.satisfies((record) -> assertThat(EventJson.read(record.value())).isEqualTo(haiDuong));
	}

	@Test
	void shouldPublishEveryKind() {
		List<LicensingEvent> life = ProjectLife.of("2104567800", "31");

		try (LicensingEventPublisher publisher = publisher("31")) {
			life.forEach(publisher::publish);
		}

		assertThat(drain(this.prefix + ".events.31", life.size()))
			.extracting((record) -> EventJson.read(record.value()))
			.containsExactlyElementsOf(life);
	}

	@Test
	void shouldRefuseAnEventOverTheSizeLimitAndSendNothing() {
		// valid by every rule but its size: 50 investors of 300 Korean characters
		String name = "엘지이노텍 주식회사 베트남 하이퐁 ".repeat(20).substring(0, Limits.MAX_INVESTOR_NAME_LENGTH);
		Licensed licence = SampleEvents.fdiLicence("2104567892", "31", Money.usd("5"));
		Licensed large = new Licensed(licence.envelope(), licence.investmentType(), licence.projectName(),
				licence.ircNumber(), licence.enterpriseCode(), Collections.nCopies(50, new Investor(name, "KR")),
				licence.zoneCode(), licence.sector(), licence.registeredCapital(), licence.landAreaHa(),
				licence.plannedEmployment(), licence.durationYears());
		assertThat(EventValidator.validate(large)).isEmpty();
		Licensed small = SampleEvents.fdiLicence("2104567893", "31", Money.usd("5"));

		try (LicensingEventPublisher publisher = publisher("31")) {
			assertThatExceptionOfType(EventTooLargeException.class).isThrownBy(() -> publisher.publishAsync(large))
				.withMessageContaining("at most " + Limits.MAX_EVENT_BYTES + " bytes")
				.satisfies((ex) -> assertThat(ex.size()).isEqualTo(EventJson.toBytes(large).length));
			publisher.publish(small);
		}

		assertThat(drain(this.prefix + ".events.31", 1)).extracting(ConsumerRecord::key).containsExactly("2104567893");
	}

	@Test
	void shouldPartitionByMurmur2OfTheProjectCodeWhateverTheSettingsSay() {
		// Given the province's six partitions, and settings that would spread records
		// round robin
		this.kafka.createEventTopics(Topics.withPrefix(this.prefix), List.of("31"));
		Map<String, Object> roundRobin = Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG,
				RoundRobinPartitioner.class.getName(), ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, true);

		// When 30 projects' licences are published
		List<Published> published = new ArrayList<>();
		try (LicensingEventPublisher publisher = LicensingEventPublisher
			.create(PublisherSettings.of(this.kafka.bootstrapServers(), "31")
				.withTopicPrefix(this.prefix)
				.withKafkaProperties(roundRobin))) {
			for (int i = 0; i < 30; i++) {
				published.add(publisher.publish(SampleEvents.fdiLicence("21045679" + i, "31", Money.usd("5"))));
			}
		}

		// Then each is in the partition Kafka's Java client gives its key, where the
		// ledger looks for the project's events
		assertThat(published).allSatisfy((p) -> assertThat(p.partition()).as(p.projectCode())
			.isEqualTo(Utils.toPositive(Utils.murmur2(p.projectCode().getBytes(StandardCharsets.UTF_8)))
					% Topics.EVENT_PARTITIONS));
		assertThat(published.stream().map(Published::partition).distinct()).hasSizeGreaterThan(1);
	}

	@Test
	void shouldRefuseARequestSizeTooSmallForTheLargestEvent() {
		PublisherSettings settings = PublisherSettings.of(this.kafka.bootstrapServers(), "31")
			.withKafkaProperties(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4096));

		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> LicensingEventPublisher.create(settings))
			.withMessageContaining("max.request.size must be at least " + (Limits.MAX_EVENT_BYTES + 1024));
	}

	@Test
	void shouldRefuseToSpeakForAUnitThatNoLongerExists() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> publisher("30"))
			.withMessageContaining("Province 30 is not a provincial unit in force");
	}

	private LicensingEventPublisher publisher(String province) {
		return LicensingEventPublisher
			.create(PublisherSettings.of(this.kafka.bootstrapServers(), province).withTopicPrefix(this.prefix));
	}

	private List<ConsumerRecord<String, byte[]>> drain(String topic, int expected) {
		return Records.drain(this.kafka, topic, expected, new StringDeserializer(), new ByteArrayDeserializer());
	}

}
