package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * One replay or recount of an application at a time until its stream threads have joined:
 * of replays started at the same moment, one takes the lock and the others are refused,
 * naming the topic and what to do if none is starting; the lock goes once the
 * application's group has a member, or when the replay stops.
 */
@ExtendWith(RealServers.class)
class ReplayLockTests {

	@Test
	void shouldLetOneOfManyReplaysStartedAtOnceTakeTheLockUntilItsThreadsHaveJoined(KafkaServer kafka)
			throws Exception {
		String applicationId = "lock" + UUID.randomUUID().toString().substring(0, 8) + "-stream-processor";
		Properties clients = new Properties();
		clients.put("bootstrap.servers", kafka.bootstrapServers());
		try (Admin admin = Admin.create(clients)) {
			// Given eight replays started at the same moment
			ExecutorService starts = Executors.newFixedThreadPool(8);
			List<Future<ReplayLock>> taken = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				Callable<ReplayLock> take = () -> ReplayLock.take(admin, clients, applicationId);
				taken.add(starts.submit(take));
			}
			starts.shutdown();
			List<ReplayLock> holders = new ArrayList<>();
			List<String> refusals = new ArrayList<>();
			for (Future<ReplayLock> future : taken) {
				try {
					holders.add(future.get());
				}
				catch (java.util.concurrent.ExecutionException ex) {
					refusals.add(ex.getCause().getMessage());
				}
			}

			// Then one holds the lock, and the others are refused, saying what to do
			assertThat(holders).hasSize(1);
			assertThat(refusals).hasSize(7)
				.allSatisfy((refusal) -> assertThat(refusal)
					.contains("another replay or recount of " + applicationId + " is starting")
					.contains("kafka-topics.sh --delete --topic " + applicationId + "-replay-lock"));

			// until one of its own stream threads is a member of the application's group:
			// another member (a service instance refused at its start) does not release
			// it
			holders.get(0).releaseOnceJoined(() -> Set.of(applicationId + "-own-StreamThread-1-consumer"));
			String input = applicationId + "-input";
			admin.createTopics(List.of(new NewTopic(input, 1, (short) 1))).all().get();
			try (KafkaConsumer<String, String> other = member(kafka, applicationId, "another-instance")) {
				other.subscribe(List.of(input));
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(
							other.poll(Duration.ofMillis(200)).isEmpty() && !other.assignment().isEmpty())
						.isTrue());
				Thread.sleep(1_500);
				assertThatIllegalStateException().isThrownBy(() -> ReplayLock.take(admin, clients, applicationId));
			}
			try (KafkaConsumer<String, String> own = member(kafka, applicationId,
					applicationId + "-own-StreamThread-1-consumer")) {
				own.subscribe(List.of(input));
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
					own.poll(Duration.ofMillis(200));
					assertThat(admin.listTopics().names().get()).doesNotContain(applicationId + "-replay-lock");
				});
			}

			// and then the next replay may take it, which it gives back as it stops
			ReplayLock next = ReplayLock.take(admin, clients, applicationId);
			next.release();
			next.release();
			assertThat(admin.listTopics().names().get()).doesNotContain(applicationId + "-replay-lock");
			ReplayLock.take(admin, clients, applicationId).release();
		}
	}

	private static KafkaConsumer<String, String> member(KafkaServer kafka, String group, String clientId) {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.CLIENT_ID_CONFIG, clientId,
						ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
				new StringDeserializer(), new StringDeserializer());
	}

}
