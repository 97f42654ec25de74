package vn.investledger.console.release;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.springframework.stereotype.Component;

import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.console.tables.CountingTables;
import vn.investledger.console.tables.TablesUnknownException;

/**
 * Waits, before a release is published at an instant, until the ledger has taken every
 * event received up to it: the processor's group has committed the event topics' ends as
 * they were after the instant (its outputs are committed in the same transactions), and
 * then the history indexer's group the applied-events topic's end (it commits only what
 * Elasticsearch acknowledged). So the release generated now is the release as known at
 * the instant that a replay, or any later request, generates again. An event held by the
 * ledger for a missing earlier revision is the exception: it counts from when it is
 * applied, and then in every vintage after its receipt (README, "Vintages").
 */
@Component
class LedgerCatchUp {

	private static final long ADMIN_TIMEOUT_MS = 5_000;

	private final Admin admin;

	private final ConsoleProperties properties;

	private final Clock clock;

	private final CountingTables tables;

	/**
	 * One wait for an instant at a time: the requests that arrive meanwhile wait for it
	 * and are answered by it, rather than each polling Kafka.
	 */
	private final ReentrantLock waiting = new ReentrantLock();

	/**
	 * The latest instant up to which the ledger is known to have taken every event
	 * received, in the brokers' receipt times: the start of the latest wait that ended
	 * caught up, less {@link #CLOCK_SKEW}; under the processor's state generation it was
	 * learnt in (a replay or a recount takes it back).
	 */
	private Instant caughtUpTo = Instant.MIN;

	private String caughtUpGeneration;

	/**
	 * The failure of the latest wait, answered again at once until {@link #failedUntil}.
	 */
	private String failure;

	private long failedUntil;

	LedgerCatchUp(Admin admin, ConsoleProperties properties, Clock clock, CountingTables tables) {
		this.admin = admin;
		this.properties = properties;
		this.clock = clock;
		this.tables = tables;
	}

	/**
	 * Waits until the ledger has caught up with the events received so far.
	 * @param wait how long to wait at most
	 * @throws LedgerBehindException if it has not by then, or Kafka cannot tell
	 */
	void await(Duration wait) {
		await(wait.toNanos(), "a release published now could differ from the release as known at its instant, so "
				+ "nothing was published");
	}

	/**
	 * Waits, unless it is known already, until the ledger has taken every event received
	 * up to an instant, and then until the history index has shown what it took
	 * ({@code settle}): a release as known at an instant that the history has not caught
	 * up to yet would differ from the same release asked again later.
	 * @param at the instant
	 * @param wait how long to wait for the ledger at most
	 * @param settle how long the history index takes to show what it indexed
	 * @throws LedgerBehindException if it has not by then, or Kafka cannot tell; at once
	 * for {@value #FAIL_FAST_SECONDS} s after a wait failed
	 */
	void awaitThrough(Instant at, Duration wait, Duration settle) {
		String generation = generation();
		if (known(at, generation)) {
			return;
		}
		String consequence = "a release as known at " + at + " could still change, so none is answered for it yet";
		try {
			if (!this.waiting.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
				throw new LedgerBehindException("another request's wait did not end in time", consequence);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LedgerBehindException("interrupted", consequence);
		}
		try {
			if (known(at, generation)) {
				return;
			}
			synchronized (this) {
				if (this.failure != null && System.nanoTime() < this.failedUntil) {
					throw new LedgerBehindException(this.failure, consequence);
				}
			}
			Instant began = this.clock.instant();
			try {
				await(wait.toNanos(), consequence);
			}
			catch (LedgerBehindException ex) {
				synchronized (this) {
					this.failure = ex.reason();
					this.failedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(FAIL_FAST_SECONDS);
				}
				throw ex;
			}
			try {
				Thread.sleep(settle.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new LedgerBehindException("interrupted", consequence);
			}
			synchronized (this) {
				Instant known = began.minus(CLOCK_SKEW);
				if (!Objects.equals(generation, this.caughtUpGeneration) || known.isAfter(this.caughtUpTo)) {
					this.caughtUpTo = known;
					this.caughtUpGeneration = generation;
				}
				this.failure = null;
			}
		}
		finally {
			this.waiting.unlock();
		}
	}

	private synchronized boolean known(Instant at, String generation) {
		return Objects.equals(generation, this.caughtUpGeneration) && !at.isAfter(this.caughtUpTo);
	}

	/**
	 * The processor's state generation: a replay or a recount resets its offsets and
	 * writes the history, or the figures, anew, so what was known before it is not.
	 */
	private String generation() {
		try {
			String generation = this.tables.tables().generation();
			return (generation != null) ? generation : "first";
		}
		catch (TablesUnknownException ex) {
			// not known: a wait is needed, and tells
			return "unknown " + System.nanoTime();
		}
	}

	/** How far the console's clock may be ahead of the brokers' receipt times. */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(1);

	/** How long a failed wait is answered again at once. */
	static final long FAIL_FAST_SECONDS = 5;

	private void await(long waitNanos, String consequence) {
		long deadline = System.nanoTime() + waitNanos;
		try {
			Pattern events = this.properties.topics().eventTopicPattern();
			Map<TopicPartition, Long> eventEnds = ends(
					this.admin.listTopics().names().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS), events);
			long behind = waitFor(this.properties.processorGroup(), eventEnds, deadline);
			if (behind > 0) {
				throw new LedgerBehindException("the processor has " + behind + " events to apply", consequence);
			}
			String applied = this.properties.topics().appliedEvents().name();
			Map<TopicPartition, Long> appliedEnds = ends(
					this.admin.listTopics().names().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS),
					Pattern.compile(Pattern.quote(applied)));
			behind = waitFor(this.properties.indexerGroup("history"), appliedEnds, deadline);
			if (behind > 0) {
				throw new LedgerBehindException("the indexer has " + behind + " applied events to index", consequence);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LedgerBehindException("interrupted", consequence);
		}
		catch (LedgerBehindException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new LedgerBehindException("Kafka cannot tell (" + ex + ")", consequence);
		}
	}

	private Map<TopicPartition, Long> ends(Set<String> topics, Pattern pattern) throws Exception {
		List<String> matching = topics.stream().filter((topic) -> pattern.matcher(topic).matches()).toList();
		if (matching.isEmpty()) {
			return Map.of();
		}
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		for (TopicDescription topic : this.admin.describeTopics(matching)
			.allTopicNames()
			.get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
			.values()) {
			topic.partitions()
				.forEach((partition) -> request.put(new TopicPartition(topic.name(), partition.partition()),
						OffsetSpec.latest()));
		}
		Map<TopicPartition, Long> ends = new HashMap<>();
		for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : this.admin.listOffsets(request)
			.all()
			.get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
			.entrySet()) {
			if (end.getValue().offset() > 0) {
				ends.put(end.getKey(), end.getValue().offset());
			}
		}
		return ends;
	}

	/** The records the group has still to commit, once it has or the deadline passed. */
	private long waitFor(String group, Map<TopicPartition, Long> ends, long deadline) throws Exception {
		while (true) {
			long behind = 0;
			if (!ends.isEmpty()) {
				Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata()
					.get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
				for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
					OffsetAndMetadata at = committed.get(end.getKey());
					behind += Math.max(0, end.getValue() - ((at != null) ? at.offset() : 0));
				}
			}
			if (behind == 0 || System.nanoTime() > deadline) {
				return behind;
			}
			Thread.sleep(200);
		}
	}

	/**
	 * The ledger has not taken every event received up to an instant.
	 */
	static final class LedgerBehindException extends RuntimeException {

		private final String reason;

		LedgerBehindException(String reason, String consequence) {
			super("The ledger has not yet taken every event received so far: " + reason + "; " + consequence
					+ ". Try again in a moment");
			this.reason = reason;
		}

		String reason() {
			return this.reason;
		}

	}

}
