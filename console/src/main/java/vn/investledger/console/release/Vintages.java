package vn.investledger.console.release;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import org.springframework.stereotype.Service;

import vn.investledger.events.InvestmentType;

/**
 * Publishing releases and reading them back as first published. To publish is to record
 * an instant: the release published is the release as known at it (the events received at
 * or before it), and the record holds its JSON and the SHA-256 of it. The release "as
 * first published" is the JSON the record holds, checked against its hash, so what is
 * served is byte for byte what was published; a record written before publications kept
 * their JSON has its release regenerated at its instant from the history, served only if
 * its hash is the one recorded.
 */
@Service
public class Vintages {

	/** The vintage ({@code X-Vintage}) of the release of every event indexed now. */
	public static final String CURRENT = "current";

	/** The vintage of a release as known at an instant ({@code asOf}). */
	public static final String AS_OF = "as-of";

	/** The vintage of a release as first published ({@code vintage=first-published}). */
	public static final String FIRST_PUBLISHED = "first-published";

	private final Releases releases;

	private final Publications publications;

	private final LedgerCatchUp catchUp;

	private final ReleasesProperties settings;

	private final Clock clock;

	Vintages(Releases releases, Publications publications, LedgerCatchUp catchUp, ReleasesProperties settings,
			Clock clock) {
		this.releases = releases;
		this.publications = publications;
		this.catchUp = catchUp;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Publishes a release as known now, less 1 s ({@link Vintages#publishedAt}).
	 * @param month the report month, closed
	 * @param type FDI or DDI
	 * @param sizes how many lines the rankings name
	 * @param user who publishes it
	 * @return the publication, recorded
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws LedgerCatchUp.LedgerBehindException if the ledger has not taken every event
	 * received up to now in time
	 */
	Published publish(YearMonth month, InvestmentType type, Release.Sizes sizes, String user) throws IOException {
		Attempt attempt = caughtUp(Publication.key(month, type));
		Release release = this.releases.release(month, type, attempt.at(), sizes);
		byte[] json = Releases.json(release);
		Publication publication = new Publication(month.toString(), type, attempt.at(), sha256(json), sizes, user, null,
				new String(json, java.nio.charset.StandardCharsets.UTF_8));
		record(publication, attempt);
		return new Published(publication, release, json);
	}

	/**
	 * Begins a publication: reads the release's publications so far, then takes the
	 * instant the release is published at and waits until the ledger has taken every
	 * event received up to it: now less {@link LedgerCatchUp#CLOCK_SKEW}, to the
	 * millisecond (the broker's receipt times are milliseconds). With a clock that far
	 * ahead of the brokers', an event appended after the wait read the topics' ends could
	 * still carry a receipt time at or before a T of now: the release published would
	 * leave it out, while the same release as known at T would hold it later, and its
	 * revisions would be refused for good as differing from the tables kept.
	 * @param key the release's key ({@link Publication#key()})
	 * @return the instant, and which publication of the release this one is
	 * @throws Publications.UnreadablePublicationException if a record that may be the
	 * release's first publication cannot be read: which one is first would then be a
	 * guess
	 * @throws LedgerCatchUp.LedgerBehindException if the ledger has not caught up in time
	 */
	public Attempt caughtUp(String key) {
		int before = this.publications.of(key).size();
		Instant at = publishedAt(this.clock);
		this.catchUp.await(this.settings.catchUpWait());
		settle();
		return new Attempt(at, before + 1);
	}

	/**
	 * The instant a release begun now is published at: now less
	 * {@link LedgerCatchUp#CLOCK_SKEW}, to the millisecond.
	 * @param clock the console's clock
	 * @return the instant
	 */
	static Instant publishedAt(Clock clock) {
		return clock.instant().minus(LedgerCatchUp.CLOCK_SKEW).truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * Waits, unless it is known already, until the ledger has taken every event received
	 * up to an instant a release is asked as known at ({@code asOf}, the revisions'
	 * {@code to}): answered before, it could differ from the same request later.
	 * @param at the instant, {@code null} for none
	 * @throws LedgerCatchUp.LedgerBehindException if the ledger has not caught up in time
	 */
	public void awaitKnown(Instant at) {
		if (at != null) {
			this.catchUp.awaitThrough(at, this.settings.catchUpWait(), this.settings.settle());
		}
	}

	/**
	 * Records a publication on the releases topic, if no other publication of its release
	 * was recorded since its attempt began.
	 * @param publication the publication
	 * @param attempt its attempt, from {@link #caughtUp}
	 * @throws Publications.PublishedMeanwhileException if another publication of the
	 * release was recorded first since the attempt began: this one is none
	 */
	public void record(Publication publication, Attempt attempt) {
		this.publications.record(publication, attempt.number());
	}

	/**
	 * A release's publications.
	 * @param key its key ({@link Publication#key()})
	 * @return its publications, first first
	 */
	public List<Publication> publications(String key) {
		return this.publications.of(key);
	}

	/**
	 * A release's first publication.
	 * @param key its key ({@link Publication#key()})
	 * @param release the release, as messages name it
	 * @return the publication
	 * @throws NotPublishedException if it was never published
	 */
	public Publication first(String key, String release) {
		return this.publications.first(key).orElseThrow(() -> new NotPublishedException(release));
	}

	/**
	 * A release as first published.
	 * @param month the report month
	 * @param type FDI or DDI
	 * @return its first publication and the release regenerated at its instant
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws NotPublishedException if it was never published
	 * @throws VintageMismatchException if the release regenerated differs from the one
	 * published
	 */
	Published firstPublished(YearMonth month, InvestmentType type) throws IOException {
		Publication first = firstPublication(month, type);
		byte[] kept = first.publishedBytes();
		if (kept != null) {
			// the bytes published, checked against their hash: what the history holds
			// since (an event held for a missing revision, applied after the publication
			// with its earlier receipt) or another version of the console's writer does
			// not change them; read as a release only for a file
			requireKept(first, kept);
			return new Published(first, null, kept);
		}
		return asPublished(first, this.releases.release(month, type, first.publishedAt(), first.sizes()));
	}

	/**
	 * A release regenerated at the instant of a publication whose record keeps no JSON
	 * (written before records kept it), as published: its JSON must hash to the
	 * publication's SHA-256, as this version writes it or as the writer before the
	 * release's {@code scope} paragraph wrote it.
	 * @param publication the publication
	 * @param regenerated the release regenerated at its instant, with its sizes
	 * @return the release and its JSON as published
	 * @throws VintageMismatchException if neither hashes to the one recorded
	 */
	static Published asPublished(Publication publication, Release regenerated) {
		byte[] json = Releases.json(regenerated);
		if (sha256(json).equals(publication.sha256())) {
			return new Published(publication, regenerated, json);
		}
		Release before = regenerated.withoutParagraph(ReleaseWriter.SCOPE);
		byte[] beforeJson = Releases.json(before);
		if (sha256(beforeJson).equals(publication.sha256())) {
			return new Published(publication, before, beforeJson);
		}
		throw new VintageMismatchException(publication, sha256(json));
	}

	/**
	 * Requires the JSON a publication's record keeps to hash to the SHA-256 recorded with
	 * it.
	 * @param publication the publication
	 * @param kept its JSON
	 * @throws VintageMismatchException if it does not: the record was altered
	 */
	public static void requireKept(Publication publication, byte[] kept) {
		String sha256 = sha256(kept);
		if (!sha256.equals(publication.sha256())) {
			throw new VintageMismatchException(publication, sha256, true);
		}
	}

	/**
	 * A national release's first publication.
	 * @param month the report month
	 * @param type FDI or DDI
	 * @return the publication
	 * @throws NotPublishedException if it was never published
	 */
	Publication firstPublication(YearMonth month, InvestmentType type) {
		return first(Publication.key(month, type), "The " + type + " release of " + month);
	}

	private void settle() {
		try {
			Thread.sleep(this.settings.settle().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Requires a release regenerated at its publication's instant to be the one
	 * published.
	 * @param publication the publication
	 * @param json the regenerated release's JSON
	 * @throws VintageMismatchException if its SHA-256 is not the one recorded
	 */
	public static void requireAsPublished(Publication publication, byte[] json) {
		String sha256 = sha256(json);
		if (!sha256.equals(publication.sha256())) {
			throw new VintageMismatchException(publication, sha256);
		}
	}

	/**
	 * The name of a release's file, which names its vintage and the instant it is known
	 * at, so that a file saved under it says which release it holds: {@code -hien-nay}
	 * (current), {@code -nhu-da-biet-<instant>} (as known at an instant),
	 * {@code -ban-cong-bo-dau-<instant>} (as first published: the publication's instant).
	 * The instant is {@code X-As-Of} in ISO-8601's basic form, UTC to the fraction it has
	 * ({@code 20251105T010000Z}, {@code 20251105T010000.250Z}): some file systems refuse
	 * a colon. ASCII letters, digits, {@code .} and {@code -} only: any other character
	 * becomes a {@code -}.
	 * @param stem the release, e.g. {@code thong-cao-FDI-2025-10}
	 * @param vintage {@link #CURRENT}, {@link #AS_OF} or {@link #FIRST_PUBLISHED}
	 * @param at the instant it is known at, {@code null} for the current release
	 * @param extension {@code csv} or {@code xlsx}
	 * @return e.g. {@code thong-cao-FDI-2025-10-nhu-da-biet-20251105T010000Z.csv}
	 */
	public static String fileName(String stem, String vintage, Instant at, String extension) {
		String named = switch (vintage) {
			case CURRENT -> "hien-nay";
			case AS_OF -> "nhu-da-biet-" + basic(at);
			case FIRST_PUBLISHED -> "ban-cong-bo-dau-" + basic(at);
			default -> throw new IllegalArgumentException("No vintage " + vintage);
		};
		return (stem + "-" + named + "." + extension).replaceAll("[^A-Za-z0-9.-]", "-");
	}

	/** An instant as {@code X-As-Of} writes it, in ISO-8601's basic form. */
	private static String basic(Instant at) {
		return at.toString().replace("-", "").replace(":", "");
	}

	/**
	 * The SHA-256 of bytes, as a publication records it.
	 * @param bytes the bytes
	 * @return 64 lower-case hex digits
	 */
	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A publication begun: the instant it publishes the release as known at, and which
	 * publication of the release it is by the publications its publisher read before
	 * taking that instant.
	 *
	 * @param at the instant
	 * @param number 1 for the first publication, 2 for the one after, …
	 */
	public record Attempt(Instant at, int number) {

	}

	/**
	 * A publication and the release's JSON it hashes.
	 *
	 * @param publication the publication
	 * @param release the release published
	 * @param json its JSON, as published
	 */
	record Published(Publication publication, Release release, byte[] json) {

		/**
		 * The release, read from its JSON where only that is at hand (a kept one).
		 * @return the release
		 */
		Release asRelease() {
			return (this.release != null) ? this.release : Releases.read(this.json, Release.class);
		}

	}

	/**
	 * A release never published.
	 */
	public static final class NotPublishedException extends RuntimeException {

		NotPublishedException(String release) {
			super(release + " has not been published");
		}

	}

	/**
	 * The release regenerated at its publication's instant is not the one published: an
	 * entry received before the instant was indexed after the publication, or the
	 * reference tables or the release's form changed since.
	 */
	public static final class VintageMismatchException extends RuntimeException {

		private final Publication publication;

		private final String regenerated;

		public VintageMismatchException(Publication publication, String regenerated) {
			this(publication, regenerated, false);
		}

		VintageMismatchException(Publication publication, String regenerated, boolean kept) {
			super(kept
					? capitalised(publication.release()) + " as its publication's record keeps it has SHA-256 "
							+ regenerated + ", not " + publication.sha256() + " as recorded with it: the record on the"
							+ " releases topic was altered. The release as known at " + publication.publishedAt()
							+ " now is served with asOf"
					: capitalised(publication.release()) + " regenerated as known at " + publication.publishedAt()
							+ " has SHA-256 " + regenerated + ", not " + publication.sha256()
							+ " as published: the history now holds an event received at or before that instant that"
							+ " it did not hold then (one the ledger held for a missing earlier revision, or a history"
							+ " rebuilt from another log), or the names or the release's form changed since. The"
							+ " release as known at that instant now is served with asOf");
			this.publication = publication;
			this.regenerated = regenerated;
		}

		Publication publication() {
			return this.publication;
		}

		private static String capitalised(String text) {
			return Character.toUpperCase(text.charAt(0)) + text.substring(1);
		}

		String regenerated() {
			return this.regenerated;
		}

	}

}
