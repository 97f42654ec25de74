package vn.investledger.indexer.rebuild;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.IndexResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import vn.investledger.indexer.system.IndexerProperties;

/**
 * One rebuild of an index at a time across the deployment: a rebuild holds a lease on its
 * kind of index, a document of {@code <index prefix>-rebuilds} (id: the kind) written
 * only if absent, before it creates anything. Two rebuilds of the same index (from two
 * instances' admin APIs, or the command beside one) would fill the same next version, one
 * deleting what the other had filled, and the first to finish would swap an incomplete
 * index in: the second is refused instead, naming the holder. The holder renews its lease
 * every sixth of {@code investledger.rebuild.lease} (60 s unless set), each renewal
 * written only over its own last one, and confirms it just before its swap; a lease not
 * renewed within that time (its holder stopped) is taken over by the next rebuild. A
 * holder whose lease was taken over (paused for longer than the lease) does not swap.
 */
@Component
public class RebuildLeases {

	private static final Logger logger = LoggerFactory.getLogger(RebuildLeases.class);

	private final ElasticsearchClient client;

	private final String index;

	private final Duration duration;

	private final String host;

	private final int replicas;

	RebuildLeases(ElasticsearchClient client, IndexerProperties properties,
			@Value("${investledger.rebuild.lease:60s}") Duration duration) {
		if (duration.compareTo(Duration.ofSeconds(6)) < 0) {
			throw new IllegalArgumentException(
					"investledger.rebuild.lease must be 6 s or longer (renewed every sixth of it): it was " + duration);
		}
		this.client = client;
		this.index = properties.indices().prefix() + "-rebuilds";
		this.duration = duration;
		this.host = hostName();
		this.replicas = properties.indexReplicas();
	}

	/**
	 * The index that holds the leases.
	 * @return its name
	 */
	public String index() {
		return this.index;
	}

	/**
	 * Takes the lease on a kind of index, or refuses.
	 * @param kind the kind of index to rebuild
	 * @return the lease, renewed until it is closed
	 * @throws IllegalStateException if another rebuild of the kind holds a lease it
	 * renews
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	public Lease take(String kind) throws IOException {
		createIndex();
		String holder = this.host + " pid " + ProcessHandle.current().pid() + " rebuild "
				+ UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		LeaseDocument document = new LeaseDocument(holder, now.toString(), now.toString(),
				now.plus(this.duration).toString());
		try {
			IndexResponse created = this.client
				.index((request) -> request.index(this.index).id(kind).opType(OpType.Create).document(document));
			return new Lease(kind, document, created.seqNo(), created.primaryTerm());
		}
		catch (ElasticsearchException ex) {
			if (ex.status() != 409) {
				throw ex;
			}
		}
		GetResponse<LeaseDocument> held = this.client.get((request) -> request.index(this.index).id(kind),
				LeaseDocument.class);
		LeaseDocument other = held.found() ? held.source() : null;
		if (other != null && !expired(other, now)) {
			throw new IllegalStateException("A rebuild of " + kind + " is running elsewhere: " + other.holder()
					+ ", started " + other.startedAt() + ", lease renewed " + other.renewedAt() + " until "
					+ other.expiresAt() + " (" + this.index + ", id " + kind + "). One rebuild of an index runs at a"
					+ " time across the deployment; this one changed nothing. Wait for it (a lease its holder"
					+ " stops renewing is taken over once it expires)");
		}
		try {
			IndexResponse taken = this.client.index((request) -> {
				request.index(this.index).id(kind).document(document);
				if (held.found()) {
					return request.ifSeqNo(held.seqNo()).ifPrimaryTerm(held.primaryTerm());
				}
				return request.opType(OpType.Create);
			});
			if (other != null) {
				logger.warn("Took over the lease on rebuilding {} from {}, not renewed since {} (expired {})", kind,
						other.holder(), other.renewedAt(), other.expiresAt());
			}
			return new Lease(kind, document, taken.seqNo(), taken.primaryTerm());
		}
		catch (ElasticsearchException ex) {
			if (ex.status() == 409) {
				throw new IllegalStateException("Another rebuild of " + kind + " took its lease (" + this.index
						+ ", id " + kind + ") at the same moment as this one; this one changed nothing", ex);
			}
			throw ex;
		}
	}

	private boolean expired(LeaseDocument lease, Instant now) {
		try {
			return Instant.parse(lease.expiresAt()).isBefore(now);
		}
		catch (RuntimeException ex) {
			// a lease not written by a rebuild (by hand) is taken over, with a warning
			return true;
		}
	}

	private void createIndex() throws IOException {
		if (this.client.indices().exists((request) -> request.index(this.index)).value()) {
			return;
		}
		try {
			this.client.indices()
				.create((request) -> request.index(this.index)
					.settings((settings) -> settings.numberOfShards("1")
						.numberOfReplicas(Integer.toString(this.replicas)))
					.mappings((mappings) -> mappings.dynamic(DynamicMapping.Strict)
						.properties("holder", (field) -> field.keyword((keyword) -> keyword))
						.properties("startedAt", (field) -> field.date((date) -> date))
						.properties("renewedAt", (field) -> field.date((date) -> date))
						.properties("expiresAt", (field) -> field.date((date) -> date))));
		}
		catch (ElasticsearchException ex) {
			// created by another rebuild meanwhile
			if (!"resource_already_exists_exception".equals(ex.error().type())) {
				throw ex;
			}
		}
	}

	private static String hostName() {
		String named = System.getenv("HOSTNAME");
		if (named != null && !named.isBlank()) {
			return named;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "an unnamed host";
		}
	}

	/**
	 * A lease document.
	 *
	 * @param holder the host, process and rebuild that holds it
	 * @param startedAt when it was taken
	 * @param renewedAt when it was last renewed
	 * @param expiresAt when another rebuild may take it over unless it is renewed
	 */
	public record LeaseDocument(String holder, String startedAt, String renewedAt, String expiresAt) {

	}

	/**
	 * A lease held: renewed in the background until closed, when it is given up.
	 */
	public final class Lease implements AutoCloseable {

		private final String kind;

		private final LeaseDocument taken;

		private long seqNo;

		private long primaryTerm;

		private volatile String lost;

		private boolean closed;

		private final ScheduledExecutorService renewer;

		private Lease(String kind, LeaseDocument taken, long seqNo, long primaryTerm) {
			this.kind = kind;
			this.taken = taken;
			this.seqNo = seqNo;
			this.primaryTerm = primaryTerm;
			this.renewer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "rebuild-lease-" + kind);
				thread.setDaemon(true);
				return thread;
			});
			long every = RebuildLeases.this.duration.toMillis() / 6;
			this.renewer.scheduleWithFixedDelay(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
		}

		/**
		 * Who holds it.
		 * @return the holder as written in the lease
		 */
		public String holder() {
			return this.taken.holder();
		}

		/**
		 * Throws if a renewal found the lease taken over or removed, without asking
		 * Elasticsearch.
		 * @throws IllegalStateException if it was
		 */
		public void check() {
			String lost = this.lost;
			if (lost != null) {
				throw new IllegalStateException(lost);
			}
		}

		private void renewQuietly() {
			if (this.lost != null) {
				return;
			}
			try {
				renew();
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("Could not renew the lease on rebuilding {}; tried again: {}", this.kind, ex.getMessage());
			}
		}

		/**
		 * Renews the lease, over its own last renewal only.
		 * @throws IllegalStateException if another rebuild took it over, or it was
		 * removed
		 * @throws IOException if Elasticsearch cannot be reached
		 */
		public synchronized void renew() throws IOException {
			check();
			if (this.closed) {
				return;
			}
			Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			LeaseDocument renewed = new LeaseDocument(this.taken.holder(), this.taken.startedAt(), now.toString(),
					now.plus(RebuildLeases.this.duration).toString());
			try {
				IndexResponse written = RebuildLeases.this.client
					.index((request) -> request.index(RebuildLeases.this.index)
						.id(this.kind)
						.ifSeqNo(this.seqNo)
						.ifPrimaryTerm(this.primaryTerm)
						.document(renewed));
				this.seqNo = written.seqNo();
				this.primaryTerm = written.primaryTerm();
			}
			catch (ElasticsearchException ex) {
				if ((ex.status() == 409 || ex.status() == 404) && !stillOurs()) {
					this.lost = "The lease on rebuilding " + this.kind + " (" + RebuildLeases.this.index + ", id "
							+ this.kind + ") was taken over or removed while " + this.taken.holder()
							+ " held it (not renewed within " + RebuildLeases.this.duration
							+ "): this rebuild does not swap its index in";
					this.renewer.shutdown();
					throw new IllegalStateException(this.lost, ex);
				}
				if (ex.status() == 409 || ex.status() == 404) {
					// a renewal applied whose answer was lost: the document is still this
					// holder's, at the place just read; the next renewal writes over it
					return;
				}
				throw ex;
			}
		}

		private void giveUp() throws IOException {
			RebuildLeases.this.client.delete((request) -> request.index(RebuildLeases.this.index)
				.id(this.kind)
				.ifSeqNo(this.seqNo)
				.ifPrimaryTerm(this.primaryTerm));
		}

		/**
		 * Whether the lease's document is still this holder's, after a renewal was
		 * refused: an earlier renewal may have been applied though its answer never came,
		 * leaving this one's place behind. If so, the place is taken from the document.
		 */
		private boolean stillOurs() throws IOException {
			GetResponse<LeaseDocument> held = RebuildLeases.this.client
				.get((request) -> request.index(RebuildLeases.this.index).id(this.kind), LeaseDocument.class);
			if (!held.found() || held.source() == null || !this.taken.holder().equals(held.source().holder())) {
				return false;
			}
			this.seqNo = held.seqNo();
			this.primaryTerm = held.primaryTerm();
			return true;
		}

		/** Stops renewing and gives the lease up, if it still holds it. */
		@Override
		public synchronized void close() {
			this.closed = true;
			this.renewer.shutdownNow();
			if (this.lost != null) {
				return;
			}
			// given up even by a rebuild interrupted as its service stops
			boolean interrupted = Thread.interrupted();
			try {
				try {
					giveUp();
				}
				catch (ElasticsearchException ex) {
					// a renewal applied whose answer was lost moved the lease's place
					if (ex.status() != 409 || !stillOurs()) {
						throw ex;
					}
					giveUp();
				}
			}
			catch (IOException | RuntimeException ex) {
				// left to expire
				logger.warn("Could not give up the lease on rebuilding {} (it expires within {}): {}", this.kind,
						RebuildLeases.this.duration, ex.getMessage());
			}
			finally {
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}
