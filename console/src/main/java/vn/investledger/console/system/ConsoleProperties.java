package vn.investledger.console.system;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import vn.investledger.events.Topics;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.index.Indices;

/**
 * The console's settings.
 *
 * @param topicPrefix the platform's topic prefix (see {@link Topics}): the event topics
 * and the groups, the indexer's and the processor's, whose lag the console shows, are
 * named after it
 * @param indexPrefix the prefix of every index and alias name, the indexer's
 * @param reportCalendar a CSV file of the report cut-off days by year, the stream
 * processor's own, which decides the report months of the figures; unset for the calendar
 * shipped with the platform
 */
@Validated
@ConfigurationProperties("investledger")
public record ConsoleProperties(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]+") String topicPrefix,
		@NotBlank @Pattern(regexp = "[a-z0-9._-]+") String indexPrefix, Path reportCalendar) {

	public Indices indices() {
		return new Indices(this.indexPrefix);
	}

	/**
	 * The group of one of the indexer's listeners.
	 * @param kind one of {@link Indices#KINDS}
	 * @return {@code <prefix>-<kind>-indexer}
	 */
	public String indexerGroup(String kind) {
		return this.topicPrefix + "-" + kind + "-indexer";
	}

	/**
	 * The stream processor's group: its Kafka Streams application id
	 * ({@code stream-processor.yml}), which cluster-setup's ACLs name alike.
	 * @return {@code <prefix>-stream-processor}
	 */
	public String processorGroup() {
		return this.topicPrefix + "-stream-processor";
	}

	/**
	 * The topics of this platform.
	 * @return the registry of the prefix
	 */
	public Topics topics() {
		return Topics.withPrefix(this.topicPrefix);
	}

	/**
	 * The report calendar.
	 * @return the configured calendar, or the shipped one
	 */
	public ReportCalendar calendar() {
		return (this.reportCalendar != null) ? ReportCalendar.read(this.reportCalendar) : ReportCalendar.standard();
	}

}
