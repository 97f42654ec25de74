package vn.investledger.indexer.system;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import vn.investledger.events.Topics;
import vn.investledger.index.Indices;

/**
 * The indexer's settings.
 *
 * @param topicPrefix the platform's topic prefix (see {@link Topics})
 * @param indexPrefix the prefix of every index and alias name
 * @param indexReplicas replicas of each index: 0 on a single node, 1 or more on a cluster
 * @param flushInterval how long the bulk ingester may hold a document before sending it
 */
@Validated
@ConfigurationProperties("investledger")
public record IndexerProperties(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]+") String topicPrefix,
		@NotBlank @Pattern(regexp = "[a-z0-9._-]+") String indexPrefix, @Min(0) int indexReplicas,
		@NotNull Duration flushInterval) {

	public Topics topics() {
		return Topics.withPrefix(this.topicPrefix);
	}

	public Indices indices() {
		return new Indices(this.indexPrefix);
	}

}
