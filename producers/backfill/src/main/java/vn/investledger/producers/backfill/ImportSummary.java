package vn.investledger.producers.backfill;

import java.time.Duration;

/**
 * What an import run did.
 *
 * @param rowsRead rows read in this run
 * @param published events published in all runs of this file
 * @param rejected rows rejected in all runs of this file
 * @param took the run's duration
 * @param complete whether the whole file is done
 */
public record ImportSummary(long rowsRead, long published, long rejected, Duration took, boolean complete) {

	String describe(ImportSettings settings) {
		double seconds = Math.max(0.001, this.took.toMillis() / 1000.0);
		return String.format("""
				Backfill of %s for province %s: %s rows read in %.1f s (%s rows/s)
				  published: %s   rejected: %s (see %s)
				  %s""", settings.input(), settings.province(), BackfillImporter.format(this.rowsRead), seconds,
				BackfillImporter.format((long) (this.rowsRead / seconds)), BackfillImporter.format(this.published),
				BackfillImporter.format(this.rejected), settings.rejects(),
				this.complete ? "complete (checkpoint " + settings.checkpoint() + ")"
						: "not complete: run the same command again to continue");
	}

}
