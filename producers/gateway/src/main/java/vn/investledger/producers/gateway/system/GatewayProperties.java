package vn.investledger.producers.gateway.system;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import vn.investledger.events.Topics;

/**
 * The gateway's settings.
 *
 * @param topicPrefix the platform's topic prefix (see {@link Topics})
 * @param maxBatchSize the most events one batch may hold
 * @param maxRequestSize the largest request body accepted
 * @param apiKeys the province systems' API keys, as SHA-256 hashes: the keys themselves
 * are never stored
 * @param processorUrl the stream processor's base URL (e.g.
 * {@code http://stream-processor:8081}), asked who owns a project so that another unit's
 * event is refused early; empty for no such check (the processor decides either way)
 * @param ownerLookupTimeout how long an event waits for the processor's answer before it
 * is published unchecked
 * @param batchSendTimeout how long a batch may take, from its arrival, to hand its events
 * to Kafka: the events not sent by then are answered 503 unsent, as are those after an
 * event Kafka did not take, so that a batch answers in seconds while Kafka is down
 * @param maxBodiesInFlight the most bytes of request bodies the gateway holds at once,
 * across units: what the heap can spare for events being checked and published
 * @param maxBodiesInFlightPerUnit the most bytes of request bodies one unit's requests
 * hold at once, so that no unit takes all of {@code maxBodiesInFlight}; at least
 * {@code maxRequestSize}, so that the largest request can pass
 * @param maxRequestsInFlightPerUnit the most requests of one unit handled at once (1 to
 * 100): each holds a connection and a request thread while its body arrives, so that one
 * unit's slow or stalled uploads cannot take what every other unit is served with (the
 * threads of Tomcat's pool before Java 24: {@link RequestThreads})
 */
@Validated
@ConfigurationProperties("investledger")
public record GatewayProperties(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]+") String topicPrefix,
		@Min(1) @Max(10_000) int maxBatchSize, @NotNull DataSize maxRequestSize, List<@Valid ApiKey> apiKeys,
		@Pattern(regexp = "(https?://\\S+)?") String processorUrl, @DefaultValue("300ms") Duration ownerLookupTimeout,
		@DefaultValue("10s") Duration batchSendTimeout, @DefaultValue("32MB") DataSize maxBodiesInFlight,
		@DefaultValue("8MB") DataSize maxBodiesInFlightPerUnit,
		@DefaultValue("16") @Min(1) @Max(100) int maxRequestsInFlightPerUnit) {

	public GatewayProperties {
		apiKeys = (apiKeys != null) ? List.copyOf(apiKeys) : List.of();
		processorUrl = (processorUrl != null) ? processorUrl.strip() : "";
		if (batchSendTimeout != null && !batchSendTimeout.isPositive()) {
			throw new IllegalArgumentException(
					"investledger.batch-send-timeout must be positive, was " + batchSendTimeout);
		}
		if (maxRequestSize != null && maxBodiesInFlightPerUnit != null
				&& maxBodiesInFlightPerUnit.toBytes() < maxRequestSize.toBytes()) {
			throw new IllegalArgumentException("investledger.max-bodies-in-flight-per-unit (" + maxBodiesInFlightPerUnit
					+ ") must be at least max-request-size (" + maxRequestSize
					+ "), or the largest request never passes");
		}
		if (maxBodiesInFlightPerUnit != null && maxBodiesInFlight != null
				&& (maxBodiesInFlight.toBytes() < maxBodiesInFlightPerUnit.toBytes()
						|| maxBodiesInFlight.toBytes() > Integer.MAX_VALUE)) {
			throw new IllegalArgumentException("investledger.max-bodies-in-flight (" + maxBodiesInFlight
					+ ") must be at least max-bodies-in-flight-per-unit (" + maxBodiesInFlightPerUnit
					+ ") and below 2 GB");
		}
	}

	public Topics topics() {
		return Topics.withPrefix(this.topicPrefix);
	}

	/**
	 * One province system's key.
	 *
	 * @param province the province it speaks for, a unit in force today
	 * @param sha256 the SHA-256 of the key, 64 hex digits
	 */
	public record ApiKey(@NotBlank @Pattern(regexp = "\\d{2}") String province,
			@NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256) {
	}

}
