package vn.investledger.producers.backfill;

import java.time.Duration;

/**
 * What an import run did.
 *
 * @param rowsRead rows read in this run
 * @param sentInRun events published in this run (Kafka acknowledged them)
 * @param published events published in all runs of this file to this destination
 * @param rejected rows rejected in all runs of this file to this destination
 * @param took the run's duration
 * @param complete whether the whole file is done
 */
public record ImportSummary(long rowsRead, long sentInRun, long published, long rejected, Duration took,
		boolean complete) {

	static ImportSummary of(long rowsRead, long sentInRun, Duration took, Checkpoint checkpoint) {
		return new ImportSummary(rowsRead, sentInRun, checkpoint.published(), checkpoint.rejected(), took,
				checkpoint.complete());
	}

	String describe(ImportSettings settings) {
		double seconds = Math.max(0.001, this.took.toMillis() / 1000.0);
		return String.format("""
				Backfill of %s into %s
				  %s rows read and %s sent in this run, in %.1f s (%s rows/s)
				  all runs: published %s, rejected %s (see %s)
				  %s""", settings.input(), Checkpoint.Destination.of(settings), BackfillImporter.format(this.rowsRead),
				BackfillImporter.format(this.sentInRun), seconds,
				BackfillImporter.format((long) (this.rowsRead / seconds)), BackfillImporter.format(this.published),
				BackfillImporter.format(this.rejected), settings.rejects(),
				this.complete ? "complete (checkpoint " + settings.checkpoint() + ")"
						: "not complete: run the same command again to continue");
	}

}
