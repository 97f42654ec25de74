package vn.investledger.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.context.ConfigurableApplicationContext;

import vn.investledger.events.ProjectState;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.indexer.IndexerApplication;
import vn.investledger.platform.PlatformServices;
import vn.investledger.index.ProjectDocument;
import vn.investledger.localstack.LocalStack;

/**
 * Documents/s through the indexer (project-state topic → Elasticsearch, batch listener,
 * {@code BulkIngester}, offsets committed after the acknowledgement), beside a raw
 * {@code _bulk} loader of the same documents in the same run. Settings (system
 * properties): {@code documents} (200000), {@code rawConcurrency} (2 bulk requests in
 * flight).
 */
public final class IndexerThroughputBenchmark {

	private static final int BATCH = 1000;

	private IndexerThroughputBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int documents = Integer.getInteger("documents", 200_000);
		int rawConcurrency = Integer.getInteger("rawConcurrency", 2);
		String prefix = "benchix";
		Topics topics = Topics.withPrefix(prefix);
		BenchProjects projects = new BenchProjects(2024);
		List<ProjectState> states = new ArrayList<>(documents);
		for (int i = 0; i < documents; i++) {
			states.add(projects.next(i));
		}
		try (LocalStack stack = LocalStack.start();
				Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
			String es = stack.elasticsearch().url();
			admin.createTopics(List.of(new NewTopic(topics.projectState().name(), Topics.EVENT_PARTITIONS, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
			try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
					Map.of("bootstrap.servers", stack.kafka().bootstrapServers(), "linger.ms", 20, "batch.size", 262144,
							"compression.type", "lz4", "max.in.flight.requests.per.connection", 1),
					new StringSerializer(), new ByteArraySerializer())) {
				// stamped with the shipped VSIC tables, as the processor stamps every
				// state
				byte[] tables = VsicEditions.standard().fingerprint().getBytes(StandardCharsets.US_ASCII);
				for (ProjectState state : states) {
					ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.projectState().name(),
							state.projectCode(), Topics.projectStateSerde().serializer().serialize("", state));
					record.headers().add(ProjectState.VSIC_TABLES_HEADER, tables);
					producer.send(record);
				}
			}

			RawBulk raw = new RawBulk(es);
			raw.createProjectsIndex("raw-projects");
			long rawStarted = System.nanoTime();
			try (ExecutorService pool = Executors.newFixedThreadPool(rawConcurrency)) {
				List<Future<?>> sent = new ArrayList<>();
				for (int from = 0; from < documents; from += BATCH) {
					List<ProjectState> slice = states.subList(from, Math.min(documents, from + BATCH));
					sent.add(pool.submit(() -> {
						raw.index("raw-projects", slice.stream().map(ProjectDocument::of).toList());
						return null;
					}));
				}
				for (Future<?> future : sent) {
					future.get();
				}
			}
			double rawSeconds = (System.nanoTime() - rawStarted) / 1e9;
			raw.refresh("raw-projects");
			long rawCount = raw.count("raw-projects");
			double rawRate = documents / rawSeconds;
			System.out.printf("raw _bulk: %,d documents in %.1f s: %,.0f documents/s (%,d in the index)%n", documents,
					rawSeconds, rawRate, rawCount);

			long indexerStarted = System.nanoTime();
			try (ConfigurableApplicationContext indexer = IndexerApplication.application()
				.run(withLocalAccounts("--server.port=0",
						"--spring.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
						"--spring.elasticsearch.uris=" + es, "--investledger.topic-prefix=" + prefix,
						"--investledger.index-prefix=" + prefix, "--logging.level.root=warn"))) {
				String group = prefix + "-projects-indexer";
				long firstAt = 0;
				long firstCommitted = 0;
				while (true) {
					Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
						.partitionsToOffsetAndMetadata()
						.get(30, TimeUnit.SECONDS);
					long sum = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
					long now = System.nanoTime();
					if (firstAt == 0 && sum > 0) {
						firstAt = now;
						firstCommitted = sum;
					}
					if (sum >= documents && atEnd(admin, committed)) {
						double seconds = (now - firstAt) / 1e9;
						double rate = (documents - firstCommitted) / seconds;
						raw.refresh(prefix + "-projects");
						long count = raw.count(prefix + "-projects");
						System.out.printf(
								"indexer: %,d documents in %.1f s after its first commit (%.1f s after its start): %,.0f documents/s (%,d in the index)%n",
								documents - firstCommitted, seconds, (now - indexerStarted) / 1e9, rate, count);
						System.out.printf("""

								| measure (%,d project documents, %d per bulk request) | documents/s | vs raw |
								|---|---:|---:|
								| raw `_bulk` loader, %d requests in flight | %,.0f | 1.00 |
								| indexer (Kafka → BulkIngester → Elasticsearch) | %,.0f | %.2f |
								%n""", documents, BATCH, rawConcurrency, rawRate, rate, rate / rawRate);
						break;
					}
					Thread.sleep(100);
				}
			}
		}
		System.exit(0);
	}

	private static boolean atEnd(Admin admin, Map<TopicPartition, OffsetAndMetadata> committed) throws Exception {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		committed.keySet().forEach((p) -> request.put(p, OffsetSpec.latest()));
		var ends = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
		return committed.size() == Topics.EVENT_PARTITIONS && committed.entrySet()
			.stream()
			.allMatch((e) -> e.getValue().offset() >= ends.get(e.getKey()).offset());
	}

	private static String[] withLocalAccounts(String... arguments) {
		List<String> all = new ArrayList<>(List.of(arguments));
		all.addAll(PlatformServices.Account.arguments(PlatformServices.LOCAL_ACCOUNTS));
		return all.toArray(String[]::new);
	}

}
