package vn.investledger.producers.backfill;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import tools.jackson.core.JacksonException;

import vn.investledger.events.CheckedEvent;
import vn.investledger.events.EventValidator;
import vn.investledger.events.EventTooLargeException;
import vn.investledger.events.InvalidEventException;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.producers.publisher.LicensingEventPublisher;
import vn.investledger.producers.publisher.Published;
import vn.investledger.producers.publisher.PublisherSettings;
import vn.investledger.producers.publisher.WrongProvinceException;

/**
 * Imports historical licensing events of one province from a CSV or NDJSON file, through
 * the province's publisher. Every bad row goes to the rejects file with its line and
 * reason; the good ones are published. A fault no single row can be refused for (a file
 * that is not UTF-8, a quote never closed) stops the import before its first row is sent.
 * After each chunk that Kafka acknowledged, a checkpoint records the last line handled,
 * so an interrupted import into the same destination resumes where it stopped. Rows of
 * the last unacknowledged chunk may be sent again after a crash: they carry the same
 * event ids (from the file, or derived from project code and revision), and the processor
 * applies each project revision once.
 */
public final class BackfillImporter {

	/**
	 * One request in flight per broker, in bigger batches. An importer often writes a
	 * topic the moment it is created; with several requests in flight, Kafka 4.2's broker
	 * can accept a later request before the first, and the first then fails with
	 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until its delivery timeout (KAFKA-15591). One
	 * in flight cannot be reordered.
	 */
	static final Map<String, Object> PRODUCER_PROPERTIES = Map.of(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
			1, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.LINGER_MS_CONFIG, 20);

	/** How long the importer waits for Kafka to say whether the unit's topic is there. */
	static final Duration DESTINATION_TIMEOUT = Duration.ofSeconds(30);

	/** Rows per acknowledged chunk. */
	static final int CHUNK = 500;

	private final ImportSettings settings;

	public BackfillImporter(ImportSettings settings) {
		this.settings = settings;
	}

	/**
	 * Runs the import, or resumes it.
	 * @return what happened
	 * @throws IOException if a file cannot be read or written
	 * @throws vn.investledger.producers.publisher.PublishException if Kafka did not
	 * acknowledge a chunk (the checkpoint stays before it; run again)
	 * @throws IllegalStateException if the checkpoint is of another file or destination,
	 * or the file must be fixed (it is not UTF-8, or a quote in it is never closed); in
	 * each case nothing was sent
	 */
	public ImportSummary run() throws IOException {
		long started = System.nanoTime();
		String sha256 = sha256(this.settings.input());
		Checkpoint checkpoint = resumeFrom(sha256, Checkpoint.Destination.of(this.settings));
		if (checkpoint.complete()) {
			return ImportSummary.of(0, 0, Duration.ZERO, checkpoint);
		}
		// the errors of the whole file, before its first row is sent
		// (a CSV row may span lines, and its own check names the quote that makes one too
		// long; an NDJSON line is one event, at most 32 KiB)
		long totalLines = Utf8Text.lines(this.settings.input(),
				(this.settings.format() == ImportSettings.Format.CSV) ? Long.MAX_VALUE : CsvFile.MAX_ROW_CHARS);
		if (this.settings.format() == ImportSettings.Format.CSV) {
			CsvFile.check(this.settings.input());
		}
		requireTopic(this.settings);
		truncate(this.settings.rejects(), checkpoint.rejectsBytes());
		try (LicensingEventPublisher publisher = LicensingEventPublisher
			.create(new PublisherSettings(this.settings.bootstrapServers(), this.settings.province(),
					this.settings.topicPrefix(), producerProperties(this.settings), this.settings.vsicEditions()));
				Rejects rejects = new Rejects(this.settings.rejects(), checkpoint.rejectsBytes() == 0);
				Rows rows = Rows.open(this.settings.input(), this.settings.format(), this.settings.vsicEditions());
				ProgressBar progress = progressBar(totalLines, checkpoint.line())) {
			long read = 0;
			long sent = 0;
			long published = 0;
			long rejected = 0;
			long line = checkpoint.line();
			List<CompletableFuture<Published>> chunk = new ArrayList<>(CHUNK);
			FileRevisions revisions = new FileRevisions();
			boolean exhausted = true;
			while (rows.hasNext()) {
				Row row = rows.next();
				if (row.line() <= checkpoint.line()) {
					continue;
				}
				if (this.settings.maxRows() > 0 && read >= this.settings.maxRows()) {
					exhausted = false;
					break;
				}
				read++;
				line = row.line();
				try {
					LicensingEvent event = row.event().get();
					String conflict = revisions.conflict(row.line(), event);
					if (conflict != null) {
						// its own faults first, as the publisher would name them (a row
						// sent is checked by the publisher alone)
						EventValidator.requireValid(event, Instant.now(), (this.settings.vsicEditions() != null)
								? this.settings.vsicEditions() : VsicEditions.standard());
						rejects.add(row.line(), conflict, row.raw());
						rejected++;
					}
					else {
						chunk.add(publisher.publishAsync(event));
						revisions.sent(row.line(), event);
					}
				}
				catch (IllegalArgumentException | InvalidEventException | EventTooLargeException
						| WrongProvinceException | JacksonException ex) {
					rejects.add(row.line(), reason(ex), row.raw());
					rejected++;
				}
				if (read % CHUNK == 0) {
					published += acknowledge(publisher, chunk);
					checkpoint = advance(checkpoint, line, rejects, published, rejected, false);
					sent += published;
					published = 0;
					rejected = 0;
				}
				progress.stepTo(line);
			}
			published += acknowledge(publisher, chunk);
			checkpoint = advance(checkpoint, line, rejects, published, rejected, exhausted);
			sent += published;
			progress.stepTo(exhausted ? totalLines : line);
			return ImportSummary.of(read, sent, Duration.ofNanos(System.nanoTime() - started), checkpoint);
		}
	}

	/**
	 * The producer's settings: the client settings of {@code --kafka-config} (how to sign
	 * in), under the importer's own, which it needs to count each row once.
	 * @param settings the options
	 * @return the producer's settings
	 */
	static Map<String, Object> producerProperties(ImportSettings settings) {
		Map<String, Object> properties = new HashMap<>(settings.kafkaSettings());
		properties.putAll(PRODUCER_PROPERTIES);
		return properties;
	}

	/**
	 * Asks Kafka for the unit's topic before anything is sent: a broker that does not
	 * answer, a sign-in it refuses or a topic that does not exist (another prefix,
	 * another unit) would otherwise hold each row for a minute before the first chunk
	 * fails.
	 * @param settings the options
	 * @throws IllegalStateException saying which, with nothing sent
	 */
	static void requireTopic(ImportSettings settings) {
		String topic = Topics.withPrefix(settings.topicPrefix()).eventTopicName(settings.province());
		Map<String, Object> admin = new HashMap<>(settings.kafkaSettings());
		admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
		admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) DESTINATION_TIMEOUT.toMillis());
		admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) DESTINATION_TIMEOUT.toMillis());
		String where = " at " + settings.bootstrapServers() + "; nothing was sent";
		try (Admin client = Admin.create(admin)) {
			client.describeTopics(List.of(topic))
				.allTopicNames()
				.get(DESTINATION_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while asking Kafka for " + topic + where, ex);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException | KafkaException ex) {
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			if (cause instanceof UnknownTopicOrPartitionException) {
				throw new IllegalStateException(
						"The topic " + topic + " does not exist" + where
								+ ". Check --topic-prefix and --province: the platform creates each unit's topic",
						cause);
			}
			if (cause instanceof AuthenticationException) {
				throw new IllegalStateException("Kafka refused this importer's sign-in" + where
						+ ". Check --kafka-config (" + cause.getMessage() + ")", cause);
			}
			if (cause instanceof AuthorizationException) {
				// a cluster that grants each unit its own topic alone says so of any
				// other,
				// existing or not
				throw new IllegalStateException("Kafka refused this importer the topic " + topic + where
						+ ". Check --topic-prefix and --province (a unit may write its own topic only), and that"
						+ " --kafka-config signs in as the unit of --province (" + cause.getMessage() + ")", cause);
			}
			throw new IllegalStateException(
					"Kafka did not answer about the topic " + topic + " within " + DESTINATION_TIMEOUT.toSeconds()
							+ " s" + where + ". Check --bootstrap-servers and --kafka-config (" + cause + ")",
					cause);
		}
	}

	private long acknowledge(LicensingEventPublisher publisher, List<CompletableFuture<Published>> chunk) {
		publisher.flush();
		long count = 0;
		for (CompletableFuture<Published> future : chunk) {
			try {
				future.join();
				count++;
			}
			catch (RuntimeException ex) {
				throw new vn.investledger.producers.publisher.PublishException(
						"Kafka did not acknowledge a row of this chunk; the checkpoint stays before it, run again",
						ex.getCause());
			}
		}
		chunk.clear();
		return count;
	}

	private Checkpoint advance(Checkpoint previous, long line, Rejects rejects, long published, long rejected,
			boolean complete) throws IOException {
		rejects.flush();
		Checkpoint next = previous.after(line, rejects.size(), published, rejected, complete);
		next.write(this.settings.checkpoint());
		return next;
	}

	/**
	 * The checkpoint to go on from: a new one, or the one of an earlier run of the same
	 * file to the same destination. Any other is refused before anything is sent: it
	 * would skip rows that never reached this destination, or report as done an import
	 * that went elsewhere.
	 */
	private Checkpoint resumeFrom(String sha256, Checkpoint.Destination destination) throws IOException {
		Path file = this.settings.checkpoint();
		if (!Files.exists(file)) {
			return Checkpoint.start(sha256, destination);
		}
		Checkpoint checkpoint = Checkpoint.read(file);
		if (!sha256.equals(checkpoint.inputSha256())) {
			throw new IllegalStateException("The checkpoint " + file + " belongs to another version of "
					+ this.settings.input() + "; delete it to import this file from the start");
		}
		String elsewhere = " To import the file there as well, give this run a --checkpoint and --rejects of its"
				+ " own; nothing was sent.";
		if (!checkpoint.destination().known()) {
			throw new IllegalStateException("The checkpoint " + file + " does not say where its rows went, so this"
					+ " run into " + destination + " cannot resume it. Delete it to import the file from the start"
					+ " (rows sent before carry the same event ids and count once)." + elsewhere);
		}
		if (!destination.equals(checkpoint.destination())) {
			throw new IllegalStateException("The checkpoint " + file + " is of an import of " + this.settings.input()
					+ " into " + checkpoint.destination() + ", not into " + destination
					+ ". To resume that import, run with the same --bootstrap-servers, --topic-prefix and --province."
					+ elsewhere);
		}
		return checkpoint;
	}

	private ProgressBar progressBar(long total, long done) {
		ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("Backfill")
			.setInitialMax(total)
			.startsFrom(done, Duration.ZERO)
			.setUnit(" lines", 1)
			.showSpeed()
			.setStyle(ProgressBarStyle.ASCII)
			.setUpdateIntervalMillis(250)
			.continuousUpdate();
		if (!this.settings.progress()) {
			builder.setConsumer(new me.tongfei.progressbar.DelegatingProgressBarConsumer((text) -> {
			}));
		}
		return builder.build();
	}

	private static String reason(Exception ex) {
		return (ex instanceof JacksonException json) ? "not an event's JSON: " + json.getOriginalMessage()
				: ex.getMessage();
	}

	static String sha256(Path file) throws IOException {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void truncate(Path file, long size) throws IOException {
		if (Files.exists(file)) {
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
				channel.truncate(size);
			}
		}
	}

	/**
	 * Runs an import from the command line; see {@link ImportSettings#parse} for the
	 * options.
	 * @param args the options
	 */
	public static void main(String[] args) {
		ImportSettings settings;
		try {
			settings = ImportSettings.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(ImportSettings.USAGE);
			System.exit(2);
			return;
		}
		try {
			ImportSummary summary = new BackfillImporter(settings).run();
			System.out.println(summary.describe(settings));
			System.exit(summary.complete() ? 0 : 3);
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("Backfill stopped: " + ex.getMessage());
			System.exit(1);
		}
	}

	/** One input row. */
	record Row(long line, String raw, Supplier<LicensingEvent> event) {
	}

	/** The rows of a CSV or NDJSON file. */
	abstract static class Rows implements Iterator<Row>, AutoCloseable {

		static Rows open(Path input, ImportSettings.Format format, VsicEditions vsic) throws IOException {
			return (format == ImportSettings.Format.CSV) ? new CsvRows(CsvFile.open(input))
					: new NdjsonRows(Utf8Text.open(input), vsic);
		}

		@Override
		public abstract void close() throws IOException;

	}

	private static final class CsvRows extends Rows {

		private final CsvFile file;

		private CsvFile.Row next;

		CsvRows(CsvFile file) {
			this.file = file;
			advance();
		}

		private void advance() {
			try {
				this.next = this.file.next();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public boolean hasNext() {
			return this.next != null;
		}

		@Override
		public Row next() {
			CsvFile.Row row = this.next;
			advance();
			if (row.fault() != null) {
				return new Row(row.line(), row.text(), () -> {
					throw new IllegalArgumentException(row.fault());
				});
			}
			CSVRecord record = row.record();
			String raw = CSVFormat.RFC4180.format((Object[]) record.values());
			return new Row(row.line(), raw, () -> CsvEvents.read(record, Instant.now()));
		}

		@Override
		public void close() throws IOException {
			this.file.close();
		}

	}

	private static final class NdjsonRows extends Rows {

		private final BufferedReader reader;

		private String next;

		private long line;

		private long nextLine;

		private final VsicEditions vsic;

		NdjsonRows(BufferedReader reader, VsicEditions vsic) {
			this.reader = reader;
			this.vsic = vsic;
			advance();
		}

		private void advance() {
			try {
				do {
					this.next = this.reader.readLine();
					this.line++;
				}
				while (this.next != null && this.next.isBlank());
				this.nextLine = this.line;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public boolean hasNext() {
			return this.next != null;
		}

		@Override
		public Row next() {
			String text = this.next;
			long at = this.nextLine;
			advance();
			return new Row(at, text, () -> read(text));
		}

		/**
		 * A line as the gateway reads a body: checked against the contract's schemas as
		 * written, before it is bound. Bound leniently first, a time where a date belongs
		 * ({@code 2024-12-31T17:00:00Z}, 1 January 2025 in Vietnam) would be cut to its
		 * day in UTC, a quoted number taken as one, and a field the contract does not
		 * know dropped, all without a word.
		 */
		private LicensingEvent read(String text) {
			CheckedEvent checked = EventValidator.read(text.getBytes(StandardCharsets.UTF_8), Instant.now(), this.vsic);
			if (!checked.violations().isEmpty()) {
				throw new InvalidEventException(checked.violations());
			}
			return checked.event();
		}

		@Override
		public void close() throws IOException {
			this.reader.close();
		}

	}

	/**
	 * A row as the rejects file quotes it: one that begins as a formula would (=, +,
	 * -, @, a tab or a carriage return) gets a single quote in front, which a spreadsheet
	 * shows as text rather than running the formula when the clerk opens the file.
	 * @param raw the row as the file holds it
	 * @return the cell
	 */
	static String rejectedRowCell(String raw) {
		return (raw != null && !raw.isEmpty() && "=+-@\t\r".indexOf(raw.charAt(0)) >= 0) ? "'" + raw : raw;
	}

	/** The rejects file: CSV with the line, the reason and the row as read. */
	private static final class Rejects implements AutoCloseable {

		private final Path file;

		private final CSVPrinter printer;

		Rejects(Path file, boolean fresh) throws IOException {
			this.file = file;
			boolean header = fresh || !Files.exists(file) || Files.size(file) == 0;
			var writer = new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE,
					StandardOpenOption.WRITE, StandardOpenOption.APPEND), StandardCharsets.UTF_8);
			if (header) {
				// Excel opens a CSV as UTF-8 only after a byte order mark: without it,
				// the
				// rows' Vietnamese shows garbled, and a file fixed and saved so is in the
				// Windows code page, which the importer refuses
				writer.write('\uFEFF');
			}
			this.printer = new CSVPrinter(writer, CSVFormat.RFC4180);
			if (header) {
				this.printer.printRecord("line", "reason", "row");
				this.printer.flush();
			}
		}

		void add(long line, String reason, String raw) throws IOException {
			this.printer.printRecord(line, reason, rejectedRowCell(raw));
		}

		void flush() throws IOException {
			this.printer.flush();
		}

		long size() throws IOException {
			return Files.size(this.file);
		}

		@Override
		public void close() throws IOException {
			this.printer.close();
		}

	}

	static String format(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

}
