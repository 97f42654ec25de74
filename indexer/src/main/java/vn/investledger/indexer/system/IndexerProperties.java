package vn.investledger.indexer.system;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import vn.investledger.events.Topics;
import vn.investledger.indexer.documents.Indices;

/**
 * The indexer's settings.
 *
 * @param topicPrefix the platform's topic prefix (see {@link Topics})
 * @param indexPrefix the prefix of every index and alias name
 * @param indexReplicas replicas of each index: 0 on a single node, 1 or more on a cluster
 * @param flushInterval how long the bulk ingester may hold a document before sending it
 * @param reportCutOffDay the day of the month the monthly reports run to (FIA: 20); the
 * stream processor's own setting, which decides the report months of the figures
 */
@Validated
@ConfigurationProperties("investledger")
public record IndexerProperties(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]+") String topicPrefix,
		@NotBlank @Pattern(regexp = "[a-z0-9._-]+") String indexPrefix, @Min(0) int indexReplicas,
		@NotNull Duration flushInterval, @DefaultValue("20") @Min(1) @Max(28) int reportCutOffDay) {

	public Topics topics() {
		return Topics.withPrefix(this.topicPrefix);
	}

	public Indices indices() {
		return new Indices(this.indexPrefix);
	}

}
