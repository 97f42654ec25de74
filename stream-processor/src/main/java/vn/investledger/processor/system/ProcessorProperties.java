package vn.investledger.processor.system;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import vn.investledger.events.Topics;

/**
 * The processor's settings.
 *
 * @param topicPrefix the platform's topic prefix (see {@link Topics})
 * @param topicPartitions partitions of the topics the processor creates
 * @param topicReplicas replicas of the topics the processor creates
 * @param reportCutOffDay the day of the month monthly reports run to (FIA: the 20th)
 * @param gapTimeout how long a project's revision waits for a missing earlier one before
 * it is applied with the gap flagged
 */
@Validated
@ConfigurationProperties("investledger")
public record ProcessorProperties(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]+") String topicPrefix,
		@Min(1) int topicPartitions, @Min(1) short topicReplicas, @Min(1) @Max(28) int reportCutOffDay,
		@NotNull Duration gapTimeout) {

	public Topics topics() {
		return Topics.withPrefix(this.topicPrefix);
	}

}
