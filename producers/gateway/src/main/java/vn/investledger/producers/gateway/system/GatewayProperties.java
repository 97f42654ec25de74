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
 */
@Validated
@ConfigurationProperties("investledger")
public record GatewayProperties(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]+") String topicPrefix,
		@Min(1) @Max(10_000) int maxBatchSize, @NotNull DataSize maxRequestSize, List<@Valid ApiKey> apiKeys,
		@Pattern(regexp = "(https?://\\S+)?") String processorUrl, @DefaultValue("300ms") Duration ownerLookupTimeout) {

	public GatewayProperties {
		apiKeys = (apiKeys != null) ? List.copyOf(apiKeys) : List.of();
		processorUrl = (processorUrl != null) ? processorUrl.strip() : "";
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
