package vn.investledger.processor.totals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Stock;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.processor.replay.RecountEnd;
import vn.investledger.processor.system.RulesInForce;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * A host's local copy of the stores, made before a replay or a recount on another host,
 * is not taken for the new state: the figures' changelogs were deleted and written anew,
 * and a checkpoint into the old ones would let the copy's figures stand where the new
 * changelogs were not read.
 */
@ExtendWith(RealServers.class)
@ResourceLock(ProcessorRuns.REPLAYS)
@Order(2)
class StaleStoresTests {

	private static final List<String> PROVINCES = List.of("22", "30", "31", "33", "51");

	@Test
	void shouldNotCountOnALocalCopyOfTheStoresMadeBeforeARecount(KafkaServer kafka, @TempDir Path work)
			throws Exception {
		String prefix = "stale" + UUID.randomUUID().toString().substring(0, 8);
		Topics topics = Topics.withPrefix(prefix);
		kafka.createEventTopics(topics, PROVINCES);
		long seed = new Random().nextLong();
		Random random = new Random(seed);
		RandomLedger few = RandomLedger.generate("SA" + Long.toHexString(seed), 5, random);
		RandomLedger many = RandomLedger.generate("SB" + Long.toHexString(seed), 60, random);
		RandomLedger later = RandomLedger.generate("SC" + Long.toHexString(seed), 10, random);
		Path rates = work.resolve("rates.csv");
		Files.writeString(rates, "from,vnd_per_usd,name\n2000-01-01,20000,tỷ giá thử\n", StandardCharsets.UTF_8);
		String otherRates = "--investledger.usd-rates=" + rates;
		String applicationId = prefix + "-stream-processor";
		Path hostX = work.resolve("x");
		Path hostY = work.resolve("y");
		Path hostZ = work.resolve("z");

		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
				FigureReader totals = new FigureReader(kafka, topics.totals().name(),
						Topics.totalSerde().deserializer());
				FigureReader stock = new FigureReader(kafka, topics.stock().name(),
						topics.stock().valueSerde().deserializer())) {
			// Given host x counted a few events under another rate table, and host z many
			// more after it
			List<LicensingEvent> first = few.deliveries(random);
			try (ConfigurableApplicationContext x = ProcessorRuns.start(kafka, prefix, hostX, otherRates)) {
				ProcessorRuns.publish(kafka, topics, first);
				await().atMost(Duration.ofSeconds(120))
					.until(() -> FigureReader.committedEvents(admin, applicationId) == first.size());
			}
			List<LicensingEvent> second = many.deliveries(random);
			try (ConfigurableApplicationContext z = ProcessorRuns.start(kafka, prefix, hostZ, otherRates)) {
				ProcessorRuns.publish(kafka, topics, second);
				await().atMost(Duration.ofSeconds(120))
					.until(() -> FigureReader.committedEvents(admin, applicationId) == first.size() + second.size());
			}

			// When host y recounts every figure under the shipped rates
			try (ConfigurableApplicationContext recount = ProcessorRuns.start(kafka, prefix, hostY,
					"--investledger.replay=true", "--investledger.replay-from=applied-events")) {
				RecountEnd end = recount.getBean(RecountEnd.class);
				await().atMost(Duration.ofSeconds(120)).until(() -> !recount.isActive());
				assertThat(end.code()).as("the recount").isEqualTo(RecountEnd.COMPLETE);
			}

			// Then host x, started again on its state directory, empties its copy from
			// before, serves the recounted figures and counts new events into them
			RandomLedger all = few.plus(many).plus(later);
			List<LicensingEvent> third = later.deliveries(random);
			Path copied = markTheCopy(hostX.resolve(applicationId));
			try (ConfigurableApplicationContext x = ProcessorRuns.start(kafka, prefix, hostX)) {
				assertThat(copied).as("the copy from before the recount").doesNotExist();
				ProcessorRuns.publish(kafka, topics, third);
				await().atMost(Duration.ofSeconds(120))
					.until(() -> FigureReader.committedEvents(admin, applicationId) == first.size() + second.size()
							+ third.size());
				Map<String, Total> expected = all.expectedTotals();
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
					assertThat(totals.<Total>read()).as("figures published, seed %d", seed).isEqualTo(expected);
					assertThat(RandomLedger.nonEmptyStock(stock.<Stock>read())).as("stock, seed %d", seed)
						.isEqualTo(all.expectedStock());
				});
				ReadOnlyKeyValueStore<String, Total> store = x.getBean(StreamsBuilderFactoryBean.class)
					.getKafkaStreams()
					.store(StoreQueryParameters.fromNameAndType(TotalsTopology.TOTALS_STORE,
							QueryableStoreTypes.keyValueStore()));
				expected.forEach((key, figure) -> assertThat(store.get(key)).as("figure %s served, seed %d", key, seed)
					.isEqualTo(figure));
				// (and it records which generation of the state its stores now copy, so
				// that its next start keeps them)
				String generation = x.getBean(RulesInForce.class).stateGeneration();
				assertThat(generation).isNotEqualTo(RulesInForce.FIRST_GENERATION);
				assertThat(Files.readString(hostX.resolve(applicationId + ".generation"), StandardCharsets.UTF_8))
					.isEqualTo(generation);
			}
			// And a copy of the generation it records is kept at the next start, also
			// after a recount refused before it changed anything (under other VSIC
			// tables, which only a replay applies)
			Path kept = markTheCopy(hostX.resolve(applicationId));
			Path sections = ProcessorRuns.laterVsic2025(work);
			assertThatException()
				.isThrownBy(() -> ProcessorRuns.start(kafka, prefix, hostY, "--investledger.replay=true",
						"--investledger.replay-from=applied-events", "--investledger.vsic-sections=" + sections))
				.withStackTraceContaining("Recount refused");
			ProcessorRuns.start(kafka, prefix, hostX).close();
			assertThat(kept).as("a copy of the current generation").exists();
		}
	}

	/** Leaves a file in a task's directory of a local copy of the stores. */
	private static Path markTheCopy(Path stores) throws Exception {
		try (var entries = Files.list(stores)) {
			Path task = entries.filter((entry) -> entry.getFileName().toString().matches("\\d+_\\d+"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no task's stores in " + stores));
			return Files.writeString(task.resolve("copied-before"), "", StandardCharsets.UTF_8);
		}
	}

}
