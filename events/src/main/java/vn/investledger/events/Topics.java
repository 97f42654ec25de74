package vn.investledger.events;

import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import org.springframework.kafka.support.serializer.JacksonJsonSerde;

/**
 * The registry of the platform's topics. Every name starts with a prefix
 * ({@value #DEFAULT_PREFIX} by default) so that several tests can share one broker. A
 * deployment's cluster holds one platform: its Kafka principals are not prefixed.
 *
 * <ul>
 * <li>{@code <prefix>.events.<province-code>} — the ledger: one topic per current
 * province, so that Kafka ACLs let a province write only its own topic. Key: the project
 * code (UTF-8 string). Value: a {@link LicensingEvent} as JSON (UTF-8). Retention
 * unlimited: it is the source of truth.</li>
 * <li>{@code <prefix>.rejections.<unit>} — the records of a unit's event topic the
 * processor refused, so that the unit (and only it) can read why and resend. Key and
 * value: the original bytes; headers: a {@link Rejection}.</li>
 * <li>{@code <prefix>.events.dlq} — refused records of a topic that belongs to no unit,
 * in the same form.</li>
 * <li>{@code <prefix>.applied-events} — each event the ledger applied, once, as an
 * {@link AppliedEntry} (JSON). Key: the project code. Retention unlimited.</li>
 * <li>{@code <prefix>.project-state} — compacted. Key: the project code. Value: a
 * {@link ProjectState} as JSON.</li>
 * <li>{@code <prefix>.stock} — compacted. Key: {@link Stock#key()}. Value: a
 * {@link Stock} as JSON.</li>
 * <li>{@code <prefix>.totals} — compacted. Key: {@link Total#key()} (UTF-8 string).
 * Value: a {@link Total} as JSON.</li>
 * <li>{@code <prefix>.releases} — each publication of an official release, written by the
 * console: one partition, so that the first publication of a release is the first record
 * of its key. Key: {@code <month>|<type>} (e.g. {@code 2025-10|FDI}). Value: the month,
 * type, instant and SHA-256 of the release as published, JSON (UTF-8). Retention
 * unlimited, never compacted: a release's first publication is its vintage.</li>
 * </ul>
 */
public final class Topics {

	/** The prefix when none is configured. */
	public static final String DEFAULT_PREFIX = "ledger";

	/**
	 * Every province topic has this many partitions, so that a project's events meet in
	 * one task.
	 */
	public static final int EVENT_PARTITIONS = 6;

	/**
	 * The settings of every event topic. Kept for ever: it is the ledger. The broker's
	 * append time is each record's timestamp, which the ledger judges dates against (a
	 * client cannot set it). Stored uncompressed, at most 4 MiB a batch: Kafka bounds a
	 * batch by its compressed size, and a consumer unpacks a record into one buffer of
	 * the size the record declares, so a province's zstd batch of a few kilobytes that
	 * unpacks to a gigabyte would stop the ledger's task for good (its consumer out of
	 * heap on every try). The broker unpacks every compressed batch written to such a
	 * topic, and refuses it past the bound, before any consumer reads it.
	 */
	public static final Map<String, String> EVENT_TOPIC_CONFIGS = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
			TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime", TopicConfig.COMPRESSION_TYPE_CONFIG,
			"uncompressed", TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));

	private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]+");

	private final String prefix;

	private Topics(String prefix) {
		if (prefix == null || !PREFIX.matcher(prefix).matches()) {
			throw new IllegalArgumentException("A topic prefix is letters, digits, '.', '_' or '-', was " + prefix);
		}
		this.prefix = prefix;
	}

	public static Topics withPrefix(String prefix) {
		return new Topics(prefix);
	}

	public String prefix() {
		return this.prefix;
	}

	/**
	 * The event topic of one province.
	 * @param provinceCode the province's two-digit code
	 * @return the topic
	 */
	public Topic<String, LicensingEvent> events(String provinceCode) {
		return new Topic<>(eventTopicName(provinceCode), Serdes.String(), eventSerde());
	}

	/**
	 * The name of a province's event topic, without building serdes (for hot paths).
	 * @param provinceCode the province's two-digit code
	 * @return e.g. {@code ledger.events.31}
	 */
	public String eventTopicName(String provinceCode) {
		return this.prefix + ".events." + provinceCode;
	}

	/**
	 * Matches every province's event topic and nothing else (not the dead-letter topic).
	 * @return the pattern
	 */
	public Pattern eventTopicPattern() {
		return Pattern.compile(Pattern.quote(this.prefix + ".events.") + "\\d{2}");
	}

	/**
	 * The unit whose event topic this is.
	 * @param topic a topic name
	 * @return the two-digit code after {@code <prefix>.events.}, or {@code null} if the
	 * topic is not an event topic
	 */
	public String codeOfEventTopic(String topic) {
		String start = this.prefix + ".events.";
		if (topic == null || !topic.startsWith(start) || topic.length() != start.length() + 2) {
			return null;
		}
		String code = topic.substring(start.length());
		return (Character.isDigit(code.charAt(0)) && Character.isDigit(code.charAt(1))) ? code : null;
	}

	/**
	 * The tables each application's figures were counted under (compacted, one partition,
	 * keyed by application id).
	 * @return e.g. {@code ledger.rulebook}
	 */
	public String rulebookTopicName() {
		return this.prefix + ".rulebook";
	}

	/**
	 * The publications of official releases (one partition, kept forever, never
	 * compacted).
	 * @return e.g. {@code ledger.releases}
	 */
	public String releasesTopicName() {
		return this.prefix + ".releases";
	}

	public String deadLetterTopicName() {
		return this.prefix + ".events.dlq";
	}

	/**
	 * The topic of one unit's refused records.
	 * @param unitCode the unit's two-digit code
	 * @return e.g. {@code ledger.rejections.31}
	 */
	public String rejectionTopicName(String unitCode) {
		return this.prefix + ".rejections." + unitCode;
	}

	/**
	 * Matches every unit's rejection topic.
	 * @return the pattern
	 */
	public Pattern rejectionTopicPattern() {
		return Pattern.compile(Pattern.quote(this.prefix + ".rejections.") + "\\d{2}");
	}

	/**
	 * Each applied event once, keyed by project code.
	 * @return the topic
	 */
	public Topic<String, AppliedEntry> appliedEvents() {
		return new Topic<>(this.prefix + ".applied-events", Serdes.String(), appliedEntrySerde());
	}

	public static Serde<AppliedEntry> appliedEntrySerde() {
		return new JacksonJsonSerde<AppliedEntry>(AppliedEntry.class, EventJson.mapper()).noTypeInfo()
			.ignoreTypeHeaders();
	}

	public Topic<String, Total> totals() {
		return new Topic<>(this.prefix + ".totals", Serdes.String(), totalSerde());
	}

	/**
	 * Each project's current state. Key: the project code. Value: a {@link ProjectState}
	 * as JSON. Compacted.
	 * @return the topic
	 */
	public Topic<String, ProjectState> projectState() {
		return new Topic<>(this.prefix + ".project-state", Serdes.String(), projectStateSerde());
	}

	/**
	 * The stock of valid projects by cuboid. Key: {@link Stock#key()}. Value: a
	 * {@link Stock} as JSON. Compacted.
	 * @return the topic
	 */
	public Topic<String, Stock> stock() {
		return new Topic<>(this.prefix + ".stock", Serdes.String(), stockSerde());
	}

	public static Serde<Stock> stockSerde() {
		return new JacksonJsonSerde<Stock>(Stock.class, EventJson.mapper()).noTypeInfo().ignoreTypeHeaders();
	}

	public static Serde<ProjectState> projectStateSerde() {
		return new JacksonJsonSerde<ProjectState>(ProjectState.class, EventJson.mapper()).noTypeInfo()
			.ignoreTypeHeaders();
	}

	public static Serde<LicensingEvent> eventSerde() {
		return new JacksonJsonSerde<LicensingEvent>(LicensingEvent.class, EventJson.mapper()).noTypeInfo()
			.ignoreTypeHeaders();
	}

	public static Serde<Total> totalSerde() {
		return new JacksonJsonSerde<Total>(Total.class, EventJson.mapper()).noTypeInfo().ignoreTypeHeaders();
	}

}
