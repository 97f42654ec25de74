package vn.investledger.processor.system;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import vn.investledger.events.Topics;
import vn.investledger.processor.intake.Intake;

/**
 * Before the streams start (unless replaying): refuses to go on from state that a version
 * of the processor before the ledger's trust boundary built. Such a version counted
 * events the contract now refuses, so its figures cannot be trusted, and its stores lack
 * what the ledger keeps now: the application has read events, yet its store of the units'
 * volumes (which the ledger's first start creates, before it reads anything) has no
 * changelog. Replay rebuilds everything from the event log under today's rules.
 */
@Component
@ConditionalOnBooleanProperty(name = "investledger.replay", havingValue = false, matchIfMissing = true)
class LedgerStateCheck implements SmartInitializingSingleton {

	private final KafkaAdmin kafka;

	private final StreamsBuilderFactoryBean streams;

	private final Topics topics;

	private final RulesInForce rules;

	LedgerStateCheck(KafkaAdmin kafka, StreamsBuilderFactoryBean streams, ProcessorProperties properties,
			RulesInForce rules) {
		this.kafka = kafka;
		this.rules = rules;
		this.streams = streams;
		this.topics = properties.topics();
	}

	@Override
	public void afterSingletonsInstantiated() {
		String applicationId = this.streams.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
		try (Admin admin = Admin.create(this.kafka.getConfigurationProperties())) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			boolean readEvents = committed.entrySet()
				.stream()
				.anyMatch((entry) -> this.topics.eventTopicPattern().matcher(entry.getKey().topic()).matches()
						&& entry.getValue() != null && entry.getValue().offset() > 0);
			refuseAfterAnIncompleteRecount(committed);
			refuseAfterAReplayThatRetiredNothing();
			String volumes = applicationId + "-" + Intake.UNIT_VOLUMES_STORE + "-changelog";
			if (readEvents && !admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(volumes)) {
				throw new IllegalStateException("The processor's state was built by a version before the ledger's"
						+ " trust boundary (it read events, but has no " + volumes
						+ "): replay it, with every instance stopped, by starting one with --investledger.replay=true");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking the processor's state", ex);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Could not check the processor's state: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A replay resets the offsets and deletes the state before it retires what was
	 * counted before: stopped in between, the service would count again from nothing and
	 * publish the new figures beside the old ones that the new counting leaves empty. It
	 * is refused until a replay gets past its retirement; one that did is gone on with
	 * ({@code UnfinishedReplay}).
	 */
	private void refuseAfterAReplayThatRetiredNothing() {
		RulesInForce.ReplayMark mark = this.rules.replayMark();
		if (mark != null && !mark.retired()) {
			throw new IllegalStateException("A replay from the event topics stopped before it had retired the figures"
					+ " and project states counted before, so they would stand beside the new ones. Run it again"
					+ " (every instance stopped, one started with --investledger.replay=true)");
		}
	}

	/**
	 * A recount deletes the figures' state and counts it again from the applied events;
	 * only its own topology reads them. Until it is complete (its mark removed), the
	 * figures lack events the service would never count: the service refuses to start
	 * until a recount or a replay is run to its end.
	 */
	private void refuseAfterAnIncompleteRecount(Map<TopicPartition, OffsetAndMetadata> committed) {
		Map<Integer, Long> target = this.rules.mark(RulesInForce.RECOUNT_TO);
		if (target == null) {
			return;
		}
		String applied = this.topics.appliedEvents().name();
		long missing = 0;
		for (Map.Entry<Integer, Long> partition : target.entrySet()) {
			OffsetAndMetadata reached = committed.get(new TopicPartition(applied, partition.getKey()));
			long at = (reached != null) ? reached.offset() : 0;
			missing += Math.max(0, partition.getValue() - at);
		}
		throw new IllegalStateException("A recount of the figures from the applied events stopped before its end ("
				+ missing + " applied-event records not counted), so the figures lack events. Run it again (every"
				+ " instance stopped, one started with --investledger.replay=true --" + ReplayFrom.PROPERTY
				+ "=applied-events), or replay from the event topics (--investledger.replay=true)");
	}

}
