package vn.investledger.console.release.zone;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.springframework.stereotype.Service;

import vn.investledger.console.release.Publication;
import vn.investledger.console.release.ReleaseRequest;
import vn.investledger.console.release.Releases;
import vn.investledger.console.release.Vintages;
import vn.investledger.events.rulebook.ReportCalendar;

/**
 * Zone-board releases, current, as known at an instant or as first published, from the
 * same source, in the same turns and kept as the national releases
 * ({@link Releases#kept}): one pass over the ledger's applied entries up to the month's
 * cut-off.
 */
@Service
class ZoneReleases {

	private final Releases releases;

	private final ZoneReferenceData reference;

	private final Vintages vintages;

	private final Clock clock;

	ZoneReleases(Releases releases, ZoneReferenceData reference, Vintages vintages, Clock clock) {
		this.clock = clock;
		this.releases = releases;
		this.reference = reference;
		this.vintages = vintages;
	}

	ReportCalendar calendar() {
		return this.releases.calendar();
	}

	/**
	 * Requires a month whose release is closed, as the national release does.
	 * @param month the report month
	 * @throws ReleaseRequest.MonthNotClosedException if its cut-off has not passed
	 */
	void requireClosed(YearMonth month) {
		ReportCalendar calendar = calendar();
		String empty = ReleaseRequest.holdsNothing(month, calendar);
		if (empty != null) {
			throw new ZoneReleaseController.BadZoneReleaseException(empty);
		}
		LocalDate today = LocalDate.now(this.clock);
		if (!calendar.isClosed(month, today)) {
			throw new ReleaseRequest.MonthNotClosedException(month, calendar.cutOff(month),
					calendar.lastClosedRelease(today));
		}
	}

	/**
	 * The scope of a province's or a zone's release.
	 * @param province today's unit, or {@code null}
	 * @param zone a zone's code, or {@code null}
	 * @return the scope
	 * @throws ZoneScope.UnknownScopeException if the reference data does not know it
	 * @throws ZoneReleaseController.BadZoneReleaseException unless exactly one of them is
	 * given
	 */
	ZoneScope scope(String province, String zone) {
		if ((province == null) == (zone == null)) {
			throw new ZoneReleaseController.BadZoneReleaseException("give either province (today's unit, e.g. 31) "
					+ "or zone (e.g. HP-DEEP-C), not " + ((province == null) ? "neither" : "both"));
		}
		return (province != null) ? ZoneScope.province(province, this.reference.zones().all())
				: ZoneScope.zone(zone, this.reference.zones().all());
	}

	/**
	 * Waits, unless it is known already, until the ledger has taken every event received
	 * up to the instant a release is asked as known at ({@link Vintages#awaitKnown}).
	 * @param asOf the instant, {@code null} for none
	 */
	void awaitKnown(Instant asOf) {
		this.vintages.awaitKnown(asOf);
	}

	/**
	 * A release.
	 * @param scope what it covers
	 * @param month the report month
	 * @param asOf the instant it is known at, {@code null} for every event indexed now
	 * @return the release
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	ZoneRelease release(ZoneScope scope, YearMonth month, Instant asOf) throws IOException {
		return ZoneReleaseWriter.write(figures(scope, month, asOf), calendar(), this.reference.targets(),
				this.reference.land());
	}

	/**
	 * A release's figures, exact.
	 * @param scope what it covers
	 * @param month the report month
	 * @param asOf the instant they are known at, {@code null} for now
	 * @return the figures
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	ZoneFigures figures(ZoneScope scope, YearMonth month, Instant asOf) throws IOException {
		return this.releases.kept(new Asked(scope, month, asOf), calendar().cutOff(month), asOf, () -> {
			ZoneBoardFold fold = new ZoneBoardFold(scope, month, calendar(), asOf);
			return Releases.Fold.of(fold::accept, fold::figures);
		});
	}

	/**
	 * Publishes a release as known now, less 1 s, as the national release is published:
	 * once the ledger has taken every event received up to the instant, the release as
	 * known at it is recorded with its SHA-256 on the releases topic, unless another
	 * admin's publication of it was recorded first meanwhile ({@link Vintages#record}).
	 * @param scope what it covers
	 * @param month the report month, closed
	 * @param user the admin
	 * @return the publication and the release published
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	Published publish(ZoneScope scope, YearMonth month, String user) throws IOException {
		Vintages.Attempt attempt = this.vintages.caughtUp(key(scope, month));
		ZoneRelease release = release(scope, month, attempt.at());
		byte[] json = Releases.json(release);
		Publication publication = Publication.zoneBoard(month, scope.id(), attempt.at(), Vintages.sha256(json), user,
				new String(json, java.nio.charset.StandardCharsets.UTF_8));
		this.vintages.record(publication, attempt);
		return new Published(publication, release, json);
	}

	/**
	 * A release as first published: the JSON its first publication keeps, checked against
	 * its SHA-256 (a record from before publications kept it: regenerated at its instant
	 * and served only if its SHA-256 is the one recorded).
	 * @param scope what it covers
	 * @param month the report month
	 * @return the publication and the release
	 * @throws IOException if Elasticsearch cannot be reached
	 * @throws Vintages.NotPublishedException if it was never published
	 * @throws Vintages.VintageMismatchException if it regenerates otherwise
	 */
	Published firstPublished(ZoneScope scope, YearMonth month) throws IOException {
		Publication first = this.vintages.first(key(scope, month),
				"The zone-board release (" + scope.id() + ") of " + month);
		byte[] kept = first.publishedBytes();
		if (kept != null) {
			// the bytes published, checked against their hash (Vintages#firstPublished)
			Vintages.requireKept(first, kept);
			return new Published(first, null, kept);
		}
		ZoneRelease release = release(scope, month, first.publishedAt());
		byte[] json = Releases.json(release);
		Vintages.requireAsPublished(first, json);
		return new Published(first, release, json);
	}

	/**
	 * A release's publications.
	 * @param scope what it covers
	 * @param month the report month
	 * @return its publications, first first
	 */
	List<Publication> publications(ZoneScope scope, YearMonth month) {
		return this.vintages.publications(key(scope, month));
	}

	/**
	 * What a zone-board release's figures were asked for.
	 */
	private record Asked(ZoneScope scope, YearMonth month, Instant asOf) {

	}

	private static String key(ZoneScope scope, YearMonth month) {
		return Publication.zoneBoardKey(month, scope.id());
	}

	/**
	 * A publication and the release it published.
	 *
	 * @param publication the publication
	 * @param release the release
	 * @param json its JSON, as published
	 */
	record Published(Publication publication, ZoneRelease release, byte[] json) {

		/**
		 * The release, read from its JSON where only that is at hand (a kept one).
		 * @return the release
		 */
		ZoneRelease asRelease() {
			return (this.release != null) ? this.release : Releases.read(this.json, ZoneRelease.class);
		}

	}

}
