package vn.investledger.console.release.zone;

import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;

import org.springframework.stereotype.Service;

import vn.investledger.console.release.Releases;
import vn.investledger.events.rulebook.ReportCalendar;

/**
 * Zone-board releases, current or as known at an instant, from the same source and in the
 * same turns as the national releases ({@link Releases#each}): one pass over the ledger's
 * applied entries up to the month's cut-off.
 */
@Service
class ZoneReleases {

	private final Releases releases;

	private final ZoneReferenceData reference;

	ZoneReleases(Releases releases, ZoneReferenceData reference) {
		this.releases = releases;
		this.reference = reference;
	}

	ReportCalendar calendar() {
		return this.releases.calendar();
	}

	/**
	 * The scope of a province's or a zone's release.
	 * @param province today's unit, or {@code null}
	 * @param zone a zone's code, or {@code null}
	 * @return the scope
	 * @throws ZoneScope.UnknownScopeException if the reference data does not know it
	 */
	ZoneScope scope(String province, String zone) {
		return (province != null) ? ZoneScope.province(province, this.reference.zones().all())
				: ZoneScope.zone(zone, this.reference.zones().all());
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
		ZoneBoardFold fold = new ZoneBoardFold(scope, month, calendar(), asOf);
		this.releases.each(fold.cutOff(), asOf, fold::accept);
		return fold.figures();
	}

}
