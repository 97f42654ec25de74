package vn.investledger.producers.backfill;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import vn.investledger.events.Topics;
import vn.investledger.events.reference.VsicEditions;

/**
 * The importer's options.
 *
 * @param input the file to import
 * @param format CSV or NDJSON
 * @param bootstrapServers the Kafka cluster
 * @param province the current province the import is for (it may hold events of the units
 * it absorbed)
 * @param topicPrefix the platform's topic prefix
 * @param rejects where bad rows go
 * @param checkpoint where progress is kept
 * @param maxRows import at most this many rows in this run (0: all); the next run
 * continues
 * @param progress whether to draw the progress bar
 * @param vsicEditions the VSIC tables a row's sector is judged by: the platform's
 * @param kafkaSettings Kafka client settings of {@code --kafka-config}: how to sign in to
 * the cluster (its {@code security.protocol}, {@code sasl.*}, {@code ssl.*})
 */
public record ImportSettings(Path input, Format format, String bootstrapServers, String province, String topicPrefix,
		Path rejects, Path checkpoint, long maxRows, boolean progress, VsicEditions vsicEditions,
		Map<String, String> kafkaSettings) {

	public ImportSettings {
		vsicEditions = (vsicEditions != null) ? vsicEditions : VsicEditions.standard();
		kafkaSettings = (kafkaSettings != null) ? Map.copyOf(kafkaSettings) : Map.of();
	}

	/**
	 * The options, with the values of the Kafka client settings left out: they hold a
	 * password.
	 * @return the options as text
	 */
	@Override
	public String toString() {
		return "ImportSettings[input=" + this.input + ", format=" + this.format + ", bootstrapServers="
				+ this.bootstrapServers + ", province=" + this.province + ", topicPrefix=" + this.topicPrefix
				+ ", rejects=" + this.rejects + ", checkpoint=" + this.checkpoint + ", maxRows=" + this.maxRows
				+ ", progress=" + this.progress + ", kafkaSettings=" + this.kafkaSettings.keySet() + "]";
	}

	/**
	 * Options with no Kafka client settings of their own.
	 * @param input the file to import
	 * @param format CSV or NDJSON
	 * @param bootstrapServers the Kafka cluster
	 * @param province the current province the import is for
	 * @param topicPrefix the platform's topic prefix
	 * @param rejects where bad rows go
	 * @param checkpoint where progress is kept
	 * @param maxRows import at most this many rows in this run (0: all)
	 * @param progress whether to draw the progress bar
	 * @param vsicEditions the VSIC tables
	 */
	public ImportSettings(Path input, Format format, String bootstrapServers, String province, String topicPrefix,
			Path rejects, Path checkpoint, long maxRows, boolean progress, VsicEditions vsicEditions) {
		this(input, format, bootstrapServers, province, topicPrefix, rejects, checkpoint, maxRows, progress,
				vsicEditions, null);
	}

	/**
	 * Options with the shipped VSIC tables.
	 * @param input the file to import
	 * @param format CSV or NDJSON
	 * @param bootstrapServers the Kafka cluster
	 * @param province the current province the import is for
	 * @param topicPrefix the platform's topic prefix
	 * @param rejects where bad rows go
	 * @param checkpoint where progress is kept
	 * @param maxRows import at most this many rows in this run (0: all)
	 * @param progress whether to draw the progress bar
	 */
	public ImportSettings(Path input, Format format, String bootstrapServers, String province, String topicPrefix,
			Path rejects, Path checkpoint, long maxRows, boolean progress) {
		this(input, format, bootstrapServers, province, topicPrefix, rejects, checkpoint, maxRows, progress, null,
				null);
	}

	/** The input formats. */
	public enum Format {

		CSV, NDJSON

	}

	static final String USAGE = """
			Usage: backfill --input FILE --province CODE [--bootstrap-servers HOST:PORT] [--format csv|ndjson]
			                [--topic-prefix PREFIX] [--rejects FILE] [--checkpoint FILE] [--max-rows N] [--no-progress]
			                [--vsic-sections FILE] [--vsic-correspondence FILE] [--kafka-config FILE]
			  --input              a CSV file (columns in README.md) or NDJSON file (one event per line), UTF-8
			  --province           the current province whose events these are, e.g. 31
			  --bootstrap-servers  the Kafka cluster (default localhost:9092)
			  --format             by the file's extension unless given
			  --rejects            default FILE.rejects.csv; --checkpoint default FILE.checkpoint
			  --max-rows           import at most N rows now; running again continues
			  --vsic-sections, --vsic-correspondence
			                       the platform's VSIC tables, if it replaced the shipped ones (README.md)
			  --kafka-config       Kafka client settings (a properties file): how to sign in to the cluster,
			                       e.g. security.protocol, sasl.mechanism, sasl.jaas.config
			Exit codes: 0 done, 3 stopped by --max-rows, 2 bad options, 1 failure (running again resumes,
			unless the message says the file must be fixed or the checkpoint is of another file or destination).""";

	/**
	 * Reads {@code --name value} options.
	 * @param args the command line
	 * @return the settings
	 * @throws IllegalArgumentException on a missing or unknown option
	 */
	public static ImportSettings parse(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument " + arg);
			}
			String name = arg.substring(2);
			if (name.equals("no-progress")) {
				options.put(name, "true");
				continue;
			}
			int equals = name.indexOf('=');
			if (equals >= 0) {
				options.put(name.substring(0, equals), name.substring(equals + 1));
			}
			else if (i + 1 < args.length) {
				options.put(name, args[++i]);
			}
			else {
				throw new IllegalArgumentException("Option --" + name + " needs a value");
			}
		}
		String input = options.remove("input");
		String province = options.remove("province");
		if (input == null || province == null) {
			throw new IllegalArgumentException("--input and --province are required");
		}
		Path file = Path.of(input);
		String formatName = options.remove("format");
		Format format = (formatName != null) ? Format.valueOf(formatName.toUpperCase())
				: input.toLowerCase().endsWith(".csv") ? Format.CSV : Format.NDJSON;
		ImportSettings settings = new ImportSettings(file, format,
				options.getOrDefault("bootstrap-servers", "localhost:9092"), province,
				options.getOrDefault("topic-prefix", Topics.DEFAULT_PREFIX),
				Path.of(options.getOrDefault("rejects", input + ".rejects.csv")),
				Path.of(options.getOrDefault("checkpoint", input + ".checkpoint")),
				Long.parseLong(options.getOrDefault("max-rows", "0")), !options.containsKey("no-progress"),
				vsicEditions(options.get("vsic-sections"), options.get("vsic-correspondence")),
				kafkaSettings(options.get("kafka-config")));
		options.keySet()
			.removeAll(java.util.Set.of("bootstrap-servers", "topic-prefix", "rejects", "checkpoint", "max-rows",
					"no-progress", "vsic-sections", "vsic-correspondence", "kafka-config"));
		if (!options.isEmpty()) {
			throw new IllegalArgumentException("Unknown option(s): " + options.keySet());
		}
		return settings;
	}

	/**
	 * The Kafka client settings of a properties file (UTF-8). The cluster is named by
	 * {@code --bootstrap-servers} alone, which the checkpoint records; what the importer
	 * needs to count each row once is its own.
	 */
	static Map<String, String> kafkaSettings(String file) {
		if (file == null) {
			return Map.of();
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("--kafka-config " + file + " cannot be read: " + ex.getMessage(), ex);
		}
		Map<String, String> settings = new TreeMap<>();
		properties.stringPropertyNames().forEach((name) -> settings.put(name, properties.getProperty(name)));
		List<String> refused = settings.keySet()
			.stream()
			.filter((name) -> name.equals("bootstrap.servers") || BackfillImporter.PRODUCER_PROPERTIES.containsKey(name)
					|| name.endsWith(".serializer") || name.equals("enable.idempotence") || name.equals("acks")
					|| name.equals("transactional.id"))
			.toList();
		if (!refused.isEmpty()) {
			throw new IllegalArgumentException("--kafka-config " + file + " sets " + refused
					+ ", which the importer sets itself (the cluster is --bootstrap-servers): give only how to sign in");
		}
		return settings;
	}

	private static VsicEditions vsicEditions(String sections, String correspondence) {
		try {
			return VsicEditions.read((sections != null) ? Path.of(sections) : null,
					(correspondence != null) ? Path.of(correspondence) : null);
		}
		catch (UncheckedIOException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

}
