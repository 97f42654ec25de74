package vn.investledger.console.release;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A release is published as known 1 s before its publication begins, to the millisecond:
 * every event a broker stamped at or before that instant was appended before the console
 * read the topics' ends, even with the console's clock up to 1 s ahead of the brokers'.
 */
class PublishedAtTests {

	@Property
	void shouldPublishAsKnownOneSecondBeforeNowToTheMillisecond(
			@ForAll @LongRange(min = 567_734_400_000_000L, max = 4_102_444_800_000_000L) long micros) {
		Instant now = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
		Instant at = Vintages.publishedAt(Clock.fixed(now, ZoneOffset.UTC));

		assertThat(at.getNano() % 1_000_000).isZero();
		assertThat(at).isAfter(now.minus(LedgerCatchUp.CLOCK_SKEW).minusMillis(1))
			.isBeforeOrEqualTo(now.minus(LedgerCatchUp.CLOCK_SKEW));
		assertThat(LedgerCatchUp.CLOCK_SKEW).hasSeconds(1);
	}

}
