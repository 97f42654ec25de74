package vn.investledger.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK 21 or newer for the servers: Elasticsearch 9 refuses older ones.
 *
 * @param home the JDK's home directory
 * @param feature its feature version, e.g. 21
 */
record Jdk(Path home, int feature) {

	static final int MINIMUM = 21;

	private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

	Path java() {
		return this.home.resolve("bin").resolve("java");
	}

	/**
	 * This JVM if it is new enough, else {@code ES_JAVA_HOME}, {@code JAVA_HOME}, then
	 * the newest JDK under {@code /usr/lib/jvm}.
	 * @return the JDK
	 * @throws LocalStackException naming the places searched when none is new enough
	 */
	static Jdk find() {
		List<Path> candidates = new ArrayList<>();
		candidates.add(Path.of(System.getProperty("java.home")));
		Stream.of(System.getenv("ES_JAVA_HOME"), System.getenv("JAVA_HOME"))
			.filter((value) -> value != null && !value.isBlank())
			.map(Path::of)
			.forEach(candidates::add);
		Path jvms = Path.of("/usr/lib/jvm");
		if (Files.isDirectory(jvms)) {
			try (Stream<Path> dirs = Files.list(jvms)) {
				dirs.sorted(Comparator.reverseOrder()).forEach(candidates::add);
			}
			catch (IOException ex) {
				// nothing more to search
			}
		}
		return candidates.stream()
			.map(Jdk::at)
			.flatMap(Optional::stream)
			.filter((jdk) -> jdk.feature >= MINIMUM)
			.findFirst()
			.orElseThrow(() -> new LocalStackException("No JDK " + MINIMUM
					+ " or newer found (Elasticsearch 9 needs one). Searched this JVM, ES_JAVA_HOME, JAVA_HOME and "
					+ jvms + ". Install one and set JAVA_HOME, e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64"));
	}

	static Optional<Jdk> at(Path home) {
		if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
			return Optional.empty();
		}
		Path release = home.resolve("release");
		try {
			Matcher matcher = RELEASE_VERSION.matcher(Files.readString(release));
			if (matcher.find()) {
				return Optional.of(new Jdk(home.toRealPath(), Integer.parseInt(matcher.group(1))));
			}
		}
		catch (IOException ex) {
			// not a JDK we can read
		}
		return Optional.empty();
	}

}
