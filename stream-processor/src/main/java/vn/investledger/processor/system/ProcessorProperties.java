package vn.investledger.processor.system;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import vn.investledger.events.Topics;
import vn.investledger.events.reference.UsdRates;
import vn.investledger.events.rulebook.ReportCalendar;

/**
 * The processor's settings.
 *
 * @param topicPrefix the platform's topic prefix (see {@link Topics})
 * @param topicPartitions partitions of the topics the processor creates
 * @param topicReplicas replicas of the topics the processor creates
 * @param gapTimeout how long a project's revision waits for a missing earlier one before
 * it is applied with the gap flagged
 * @param usdRates a CSV file of dated VND/USD reference rates
 * ({@code from,vnd_per_usd,name}); unset for the table shipped with the platform
 * @param reportCalendar a CSV file of the report cut-off days by year
 * ({@code from_year,cut_off,december,source}); unset for the calendar shipped with the
 * platform
 */
@Validated
@ConfigurationProperties("investledger")
public record ProcessorProperties(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]+") String topicPrefix,
		@Min(1) int topicPartitions, @Min(1) short topicReplicas, @NotNull Duration gapTimeout, Path usdRates,
		Path reportCalendar) {

	public Topics topics() {
		return Topics.withPrefix(this.topicPrefix);
	}

	/**
	 * The reference-rate table for the combined USD figures.
	 * @return the configured table, or the shipped one
	 */
	public UsdRates rates() {
		return (this.usdRates != null) ? UsdRates.read(this.usdRates) : UsdRates.standard();
	}

	/**
	 * The report calendar.
	 * @return the configured calendar, or the shipped one
	 */
	public ReportCalendar calendar() {
		return (this.reportCalendar != null) ? ReportCalendar.read(this.reportCalendar) : ReportCalendar.standard();
	}

}
