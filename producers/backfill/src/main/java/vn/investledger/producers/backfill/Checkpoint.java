package vn.investledger.producers.backfill;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * How far an import got: every row up to {@code line} is durable in Kafka or in the
 * rejects file, which then had {@code rejectsBytes} bytes. Written atomically after each
 * acknowledged chunk; tied to the input by its SHA-256, so that a changed file is not
 * resumed by mistake.
 *
 * @param inputSha256 the input file's hash
 * @param line the last input line handled
 * @param rejectsBytes the rejects file's length at that point
 * @param published events published so far
 * @param rejected rows rejected so far
 * @param complete whether the whole file is done
 */
record Checkpoint(String inputSha256, long line, long rejectsBytes, long published, long rejected, boolean complete) {

	static Checkpoint start(String inputSha256) {
		return new Checkpoint(inputSha256, 0, 0, 0, 0, false);
	}

	static Checkpoint read(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader in = Files.newBufferedReader(file)) {
			properties.load(in);
		}
		return new Checkpoint(properties.getProperty("input_sha256"), Long.parseLong(properties.getProperty("line")),
				Long.parseLong(properties.getProperty("rejects_bytes")),
				Long.parseLong(properties.getProperty("published")), Long.parseLong(properties.getProperty("rejected")),
				Boolean.parseBoolean(properties.getProperty("complete")));
	}

	void write(Path file) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("input_sha256", this.inputSha256);
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

}
