package vn.investledger.console.search;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many Elasticsearch points in time the search API keeps open. Deep paging (from the
 * second page on) and each CSV export read one, and each holds the projects index's
 * segments as they were, on every node, until it is closed or expires; so one official,
 * or all of them together, may hold only so many.
 *
 * @param keepAlive how long a point in time lives unused: a cursor unused this long
 * expires (410)
 * @param perUser at most this many open at once for one signed-in user (default 8)
 * @param total at most this many open at once on this console instance, for all users
 * (default 100)
 */
@Validated
@ConfigurationProperties("investledger.search.points-in-time")
record PointInTimeProperties(@DefaultValue("5m") @NotNull Duration keepAlive, @DefaultValue("8") @Min(1) int perUser,
		@DefaultValue("100") @Min(1) int total) {

}
