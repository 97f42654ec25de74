package vn.investledger.processor.replay;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replay or recount of an application at a time, from its start until its stream
 * threads have joined the application's group, where the check of running instances sees
 * them: a topic of its own, {@code <application id>-replay-lock}, which Kafka makes for
 * one caller alone. Two replays started within the same seconds (one host's settings
 * copied to every instance, all restarted at once) would otherwise both find no instance
 * running, both reset, and one write its tombstones over the figures the other had begun
 * to count.
 */
final class ReplayLock {

	private static final Logger logger = LoggerFactory.getLogger(ReplayLock.class);

	/** How long the lock waits for the replay's stream threads to join, at most. */
	static final Duration JOIN_WAIT = Duration.ofMinutes(10);

	private final Properties clients;

	private final String applicationId;

	private final String name;

	/** Whether the lock topic is still to be deleted; changed under this. */
	private boolean held = true;

	private ReplayLock(Properties clients, String applicationId) {
		this.clients = clients;
		this.applicationId = applicationId;
		this.name = name(applicationId);
	}

	/**
	 * The lock topic's name.
	 * @param applicationId the application id
	 * @return {@code <application id>-replay-lock}
	 */
	static String name(String applicationId) {
		return applicationId + "-replay-lock";
	}

	/**
	 * Takes the lock, or refuses the replay if another holds it.
	 * @param admin an admin client
	 * @param clients the client settings, for the release
	 * @param applicationId the application id
	 * @return the lock
	 * @throws IllegalStateException if another replay or recount holds it
	 */
	static ReplayLock take(Admin admin, Properties clients, String applicationId)
			throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
		String name = name(applicationId);
		try {
			admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty())))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof TopicExistsException) {
				throw new IllegalStateException("Replay refused: another replay or recount of " + applicationId
						+ " is starting: it holds the topic " + name + ", made as it began and deleted once its"
						+ " stream threads have joined. If none is starting (one stopped before it could delete the"
						+ " topic), delete it (kafka-topics.sh --delete --topic " + name
						+ ", with --command-config naming the processor's client settings on a cluster with access"
						+ " control) and run the replay again.");
			}
			throw ex;
		}
		logger.info("Replay: holds {} until its stream threads have joined", name);
		return new ReplayLock(clients, applicationId);
	}

	/**
	 * Releases the lock in the background once one of this replay's own stream threads is
	 * a member of the application's group (another member, such as a service instance
	 * refused at its start, does not count), or after {@link #JOIN_WAIT}.
	 * @param ownConsumers the client ids of this replay's stream threads' consumers, as
	 * far as they are known yet
	 */
	void releaseOnceJoined(Supplier<Set<String>> ownConsumers) {
		Thread.ofVirtual().name("replay-lock").start(() -> {
			long deadline = System.nanoTime() + JOIN_WAIT.toNanos();
			try (Admin admin = Admin.create(this.clients)) {
				while (isHeld() && System.nanoTime() - deadline < 0 && !joined(admin, ownConsumers.get())) {
					Thread.sleep(500);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			release();
		});
	}

	private boolean joined(Admin admin, Set<String> ownConsumers) {
		if (ownConsumers.isEmpty()) {
			return false;
		}
		try {
			return admin.describeConsumerGroups(List.of(this.applicationId))
				.describedGroups()
				.get(this.applicationId)
				.get(30, TimeUnit.SECONDS)
				.members()
				.stream()
				.anyMatch((member) -> ownConsumers.contains(member.clientId()));
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException ex) {
			// not known yet (no group before the first member), or not asked this time:
			// asked again
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private synchronized boolean isHeld() {
		return this.held;
	}

	/**
	 * Deletes the lock topic, once: a caller meanwhile waits for it, and a delete that
	 * fails leaves the lock held, for the replay's stop to try again.
	 */
	synchronized void release() {
		if (!this.held) {
			return;
		}
		try (Admin admin = Admin.create(this.clients)) {
			admin.deleteTopics(List.of(this.name)).all().get(30, TimeUnit.SECONDS);
			this.held = false;
			logger.info("Replay: released {}", this.name);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				this.held = false;
			}
			else {
				logger.warn("Replay: could not delete {} ({}): the next replay is refused until it is deleted",
						this.name, ex.getCause().toString());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (java.util.concurrent.TimeoutException ex) {
			logger.warn("Replay: could not delete {} within 30 s: the next replay is refused until it is deleted",
					this.name);
		}
	}

}
