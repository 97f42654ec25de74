package vn.investledger.processor.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.CleanupConfig;
import org.springframework.stereotype.Component;

/**
 * This host's local copy of the stores is used only if it copies the changelogs as they
 * are now. A replay or a recount deletes changelogs and writes them anew, beginning a new
 * generation of the state ({@link RulesInForce#stateGeneration()}). A copy made before it
 * holds figures of the old changelogs, and its checkpoint offsets point into the new
 * ones: Kafka Streams would restore only what lies past them and let the copy's figures
 * stand for the rest. So, as the service starts, a copy of another generation, or of none
 * recorded, is emptied, and the stores are restored whole from their changelogs. Once the
 * streams have started, the generation they copy is recorded beside the state directory
 * ({@code <state.dir>/<application.id>.generation}). A replay or a recount empties its
 * own copy in any case.
 */
@Component
public class LocalStores implements SmartInitializingSingleton, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(LocalStores.class);

	/** The directory of a task's stores, named after the task: subtopology_partition. */
	private static final Pattern TASK_DIRECTORY = Pattern.compile("\\d+_\\d+");

	private final StreamsBuilderFactoryBean streams;

	private final RulesInForce rules;

	private final boolean replay;

	private volatile boolean running;

	/** The generation this service's copy was checked against as it started. */
	private volatile String checked;

	LocalStores(StreamsBuilderFactoryBean streams, RulesInForce rules,
			@Value("${" + ReplaySwitch.PROPERTY + ":#{null}}") String replay) {
		this.streams = streams;
		this.rules = rules;
		this.replay = ReplaySwitch.replaying(replay);
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.replay) {
			return;
		}
		Path stores = applicationDirectory();
		// the generation checked is the one recorded: one begun meanwhile (by a replay
		// elsewhere, before this instance joins) is not taken for this copy's
		String generation = this.rules.stateGeneration();
		this.checked = generation;
		if (!holdsTasks(stores)) {
			return;
		}
		String copied = recorded();
		if (!generation.equals(copied)) {
			logger.warn("The local copy of the stores in {} {}: it is emptied, and the stores are restored whole from"
					+ " their changelogs", stores, describe(copied, generation));
			this.streams.setCleanupConfig(new CleanupConfig(true, false));
		}
	}

	/**
	 * The generation of the state this service started in.
	 * @return the generation recorded when it started, {@code null} before that or in a
	 * replay's or recount's instance
	 */
	String startedIn() {
		return this.checked;
	}

	/**
	 * Records the generation the stores now copy, once the streams have started (a copy
	 * of another generation emptied by then).
	 */
	@Override
	public void start() {
		// a replay's or recount's instance empties its copy and counts in the
		// generation it began
		String generation = (this.checked != null) ? this.checked : this.rules.stateGeneration();
		Path file = generationFile();
		try {
			Files.createDirectories(file.getParent());
			Path written = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
			Files.writeString(written, generation, StandardCharsets.UTF_8);
			Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not record the generation of the local stores in " + file, ex);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Just after the streams start.
	 */
	@Override
	public int getPhase() {
		return this.streams.getPhase() + 1;
	}

	private static String describe(String copied, String generation) {
		if (copied == null) {
			return "records no generation of the state it copies";
		}
		return "was made in the state's generation " + copied + ", and the changelogs are now those of the generation "
				+ generation;
	}

	/** The generation recorded for the local copy, {@code null} if none is. */
	private String recorded() {
		Path file = generationFile();
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the generation of the local stores in " + file, ex);
		}
	}

	private static boolean holdsTasks(Path stores) {
		if (!Files.isDirectory(stores)) {
			return false;
		}
		try (Stream<Path> entries = Files.list(stores)) {
			return entries.anyMatch((entry) -> TASK_DIRECTORY.matcher(entry.getFileName().toString()).matches());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the local stores in " + stores, ex);
		}
	}

	private Path applicationDirectory() {
		return stateDirectory().resolve(applicationId());
	}

	private Path generationFile() {
		return stateDirectory().resolve(applicationId() + ".generation");
	}

	private Path stateDirectory() {
		Object configured = this.streams.getStreamsConfiguration().get(StreamsConfig.STATE_DIR_CONFIG);
		// Kafka Streams' default, unless set
		return Path.of((configured != null) ? configured.toString()
				: System.getProperty("java.io.tmpdir") + File.separator + "kafka-streams");
	}

	private String applicationId() {
		return this.streams.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
	}

}
