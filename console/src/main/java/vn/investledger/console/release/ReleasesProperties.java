package vn.investledger.console.release;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the console makes and publishes official releases. Each release, current or as
 * known at an instant, is one pass over the ledger's applied events up to the release's
 * cut-off, so only so many run at once.
 *
 * @param concurrent releases computed at once on this instance; another request waits for
 * {@code queueWait}, then is answered 503
 * @param queueWait how long a request waits for its turn
 * @param catchUpWait how long a publication waits for the processor and the history
 * indexer to have taken every event received up to its instant, before it is answered 503
 * @param settle how long a publication waits once they have, for the history index to
 * make the last entries searchable (its refresh interval is 1 s)
 * @param pageSize entries read from the history index per request of a pass
 * @param cached passes whose figures are kept, served again while the entries they read
 * are unchanged (0: none kept); each holds a release's figures at one or two instants,
 * and for revisions the events between them
 */
@Validated
@ConfigurationProperties("investledger.releases")
record ReleasesProperties(@DefaultValue("2") @Min(1) int concurrent, @DefaultValue("30s") @NotNull Duration queueWait,
		@DefaultValue("30s") @NotNull Duration catchUpWait, @DefaultValue("2s") @NotNull Duration settle,
		@DefaultValue("1000") @Min(1) @Max(10_000) int pageSize, @DefaultValue("32") @Min(0) int cached) {

}
