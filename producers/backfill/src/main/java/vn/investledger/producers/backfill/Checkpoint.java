package vn.investledger.producers.backfill;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;

import vn.investledger.events.Topics;

/**
 * How far an import got: every row up to {@code line} is durable in Kafka or in the
 * rejects file, which then had {@code rejectsBytes} bytes. Written atomically after each
 * acknowledged chunk; tied to the input by its SHA-256, so that a changed file is not
 * resumed by mistake, and to the destination, so that an import into one cluster, topic
 * or province is not taken for an import into another.
 *
 * @param inputSha256 the input file's hash
 * @param destination where the rows were published
 * @param line the last input line handled
 * @param rejectsBytes the rejects file's length at that point
 * @param published events published so far
 * @param rejected rows rejected so far
 * @param complete whether the whole file is done
 */
record Checkpoint(String inputSha256, Destination destination, long line, long rejectsBytes, long published,
		long rejected, boolean complete) {

	static Checkpoint start(String inputSha256, Destination destination) {
		return new Checkpoint(inputSha256, destination, 0, 0, 0, 0, false);
	}

	/**
	 * The checkpoint after one more acknowledged chunk.
	 * @param toLine the last input line the chunk handled
	 * @param rejectsBytesNow the rejects file's length after it
	 * @param publishedInChunk events of the chunk Kafka acknowledged
	 * @param rejectedInChunk rows of the chunk that went to the rejects file
	 * @param completeNow whether the chunk ended the file
	 * @return the next checkpoint
	 */
	Checkpoint after(long toLine, long rejectsBytesNow, long publishedInChunk, long rejectedInChunk,
			boolean completeNow) {
		return new Checkpoint(this.inputSha256, this.destination, toLine, rejectsBytesNow,
				this.published + publishedInChunk, this.rejected + rejectedInChunk, completeNow);
	}

	static Checkpoint read(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader in = Files.newBufferedReader(file)) {
			properties.load(in);
		}
		Destination destination = new Destination(properties.getProperty("bootstrap_servers"),
				properties.getProperty("topic"), properties.getProperty("province"));
		return new Checkpoint(properties.getProperty("input_sha256"), destination,
				Long.parseLong(properties.getProperty("line")), Long.parseLong(properties.getProperty("rejects_bytes")),
				Long.parseLong(properties.getProperty("published")), Long.parseLong(properties.getProperty("rejected")),
				Boolean.parseBoolean(properties.getProperty("complete")));
	}

	void write(Path file) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("input_sha256", this.inputSha256);
		properties.setProperty("bootstrap_servers", this.destination.bootstrapServers());
		properties.setProperty("topic", this.destination.topic());
		properties.setProperty("province", this.destination.province());
		properties.setProperty("line", Long.toString(this.line));
		properties.setProperty("rejects_bytes", Long.toString(this.rejectsBytes));
		properties.setProperty("published", Long.toString(this.published));
		properties.setProperty("rejected", Long.toString(this.rejected));
		properties.setProperty("complete", Boolean.toString(this.complete));
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		try (Writer out = Files.newBufferedWriter(temporary)) {
			properties.store(out, "Backfill progress; delete this file to import the input again from the start");
		}
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * Where an import publishes. The importer knows the cluster only by the addresses it
	 * is given, so the same cluster under another address counts as another destination:
	 * refusing to resume is safe, resuming an import that went elsewhere is not.
	 *
	 * @param bootstrapServers the cluster's addresses as given, sorted, without spaces
	 * @param topic the event topic, which names the topic prefix and the province
	 * @param province the current province the import speaks for
	 */
	record Destination(String bootstrapServers, String topic, String province) {

		static Destination of(ImportSettings settings) {
			String servers = Arrays.stream(settings.bootstrapServers().split(","))
				.map(String::strip)
				.filter((server) -> !server.isEmpty())
				.sorted()
				.collect(Collectors.joining(","));
			return new Destination(servers,
					Topics.withPrefix(settings.topicPrefix()).eventTopicName(settings.province()), settings.province());
		}

		/**
		 * Whether the checkpoint names a destination at all.
		 * @return {@code false} for a checkpoint that does not say where its rows went
		 */
		boolean known() {
			return this.bootstrapServers != null && this.topic != null && this.province != null;
		}

		@Override
		public String toString() {
			return "topic " + this.topic + " at " + this.bootstrapServers + " for province " + this.province;
		}

	}

}
