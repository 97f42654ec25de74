package vn.investledger.processor.system;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The AOT cache kept to its build: an instance that writes a cache records its jars; one
 * that starts from it runs only on the same jars. A jar rebuilt with one class changed
 * and its size kept (which the JVM does not see) is refused, as is a cache with no
 * record; a cache that does not exist is not.
 */
class AotCacheTests {

	/**
	 * Given a class path of an executable jar whose manifest names its library jars (as
	 * Spring Boot's extracted layout is), when a service records it and a replay starts
	 * on the same jars, then the replay starts; when one entry of any jar is changed in
	 * place, same size, then the replay is refused, naming that jar.
	 */
	@Property(tries = 40)
	void shouldRefuseACacheOfJarsWithAnyEntryChangedInPlace(@ForAll("jars") List<Map<String, byte[]>> jars,
			@ForAll @IntRange(max = 1000) int which, @ForAll @IntRange(max = 1000) int where) throws IOException {
		Path directory = Files.createTempDirectory("aot-cache");
		try {
			List<Path> classPath = writeClassPath(directory, jars);
			Path cache = directory.resolve("processor.aot");
			Files.write(cache, new byte[] { 1 });

			// the training run
			AotCache.check(Optional.empty(), Optional.of(cache), classPath(classPath, directory));
			assertThat(cache).as("the cache the JVM will write over is deleted first").doesNotExist();
			Files.write(cache, new byte[] { 2 });
			assertThatIllegalStateException().as("while the training run has not ended")
				.isThrownBy(() -> AotCache.check(Optional.of(cache), Optional.empty(), classPath(classPath, directory)))
				.withMessageContaining("is being written by a training run");
			AotCache.ended();
			assertThatNoException().isThrownBy(
					() -> AotCache.check(Optional.of(cache), Optional.empty(), classPath(classPath, directory)));

			int jar = which % jars.size();
			Map<String, byte[]> changed = new LinkedHashMap<>(jars.get(jar));
			String entry = List.copyOf(changed.keySet()).get(where % changed.size());
			byte[] content = changed.get(entry).clone();
			content[where % content.length] ^= 0x5A;
			changed.put(entry, content);
			long size = Files.size(classPath.get(jar));
			writeJar(classPath.get(jar), changed, (jar == 0) ? classPath.subList(1, classPath.size()) : List.of());
			assertThat(Files.size(classPath.get(jar))).as("the same size: all the JVM's own check sees")
				.isEqualTo(size);

			assertThatIllegalStateException()
				.isThrownBy(() -> AotCache.check(Optional.of(cache), Optional.empty(), classPath(classPath, directory)))
				.withMessageContaining("was made from other jars")
				.withMessageContaining(classPath.get(jar).toRealPath().toString());
		}
		finally {
			AotCache.ended();
			delete(directory);
		}
	}

	@Test
	void shouldRefuseASecondTrainingRunForTheSameCache(@TempDir Path directory) throws IOException {
		List<Path> classPath = writeClassPath(directory, List.of(Map.of("a.class", new byte[] { 1 })));
		Path cache = directory.resolve("processor.aot");
		try {
			AotCache.check(Optional.empty(), Optional.of(cache), classPath(classPath, directory));
			assertThatIllegalStateException()
				.isThrownBy(() -> AotCache.check(Optional.empty(), Optional.of(cache), classPath(classPath, directory)))
				.withMessageContaining("is being written by another training run");
		}
		finally {
			AotCache.ended();
		}
	}

	@Test
	void shouldRefuseACacheWithNoRecordOfItsJars(@TempDir Path directory) throws IOException {
		List<Path> classPath = writeClassPath(directory, List.of(Map.of("a.class", new byte[] { 1 })));
		Path cache = Files.write(directory.resolve("processor.aot"), new byte[] { 1 });

		assertThatIllegalStateException()
			.isThrownBy(() -> AotCache.check(Optional.of(cache), Optional.empty(), classPath(classPath, directory)))
			.withMessageContaining("has no record of the jars");
	}

	/**
	 * A cache path given where no cache was written (no training run yet): the JVM runs
	 * without one, so the instance starts, whatever the record says.
	 */
	@Test
	void shouldStartWhereTheCacheDoesNotExist(@TempDir Path directory) throws IOException {
		List<Path> classPath = writeClassPath(directory, List.of(Map.of("a.class", new byte[] { 1 })));
		Path cache = directory.resolve("processor.aot");
		Files.writeString(AotCache.record(cache), "another build\n");

		assertThatNoException()
			.isThrownBy(() -> AotCache.check(Optional.of(cache), Optional.empty(), classPath(classPath, directory)));
	}

	@Test
	void shouldFollowTheManifestsClassPathOnceEachInTheJvmsOrder(@TempDir Path directory) throws IOException {
		Path lib = Files.createDirectories(directory.resolve("lib"));
		Path a = writeJar(lib.resolve("a.jar"), Map.of("a.txt", new byte[] { 1 }), List.of(lib.resolve("b.jar")));
		Path b = writeJar(lib.resolve("b.jar"), Map.of("b.txt", new byte[] { 2 }), List.of(lib.resolve("a.jar")));
		Path app = writeJar(directory.resolve("app.jar"), Map.of("app.txt", new byte[] { 3 }), List.of(a, b));

		assertThat(AotCache.classPath("app.jar" + java.io.File.pathSeparator + "lib/b.jar", directory))
			.containsExactly(app.toRealPath(), a.toRealPath(), b.toRealPath());
	}

	/**
	 * A real JDK 25 JVM started with {@code -XX:AOTCache} on a cache with no record: the
	 * check reads the JVM's own option and stops the program before it runs.
	 */
	@Test
	void shouldStopAJvmStartedFromACacheWithNoRecord(@TempDir Path directory) throws Exception {
		assumeThat(Runtime.version().feature()).as("-XX:AOTCache exists from JDK 25").isGreaterThanOrEqualTo(25);
		Path cache = Files.write(directory.resolve("processor.aot"), new byte[] { 1 });
		Path output = directory.resolve("output.txt");
		Process jvm = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
				"-XX:AOTCache=" + cache, "-cp", System.getProperty("java.class.path"), AotCacheMain.class.getName())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();

		assertThat(jvm.exitValue()).isNotZero();
		assertThat(Files.readString(output)).contains("The AOT cache " + cache + " has no record of the jars")
			.doesNotContain(AotCacheMain.STARTED);
	}

	private static List<Path> classPath(List<Path> jars, Path directory) {
		return AotCache.classPath(jars.get(0).toString(), directory);
	}

	private static void delete(Path directory) throws IOException {
		try (var paths = Files.walk(directory)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	@Provide
	Arbitrary<List<Map<String, byte[]>>> jars() {
		Arbitrary<byte[]> content = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64);
		Arbitrary<Map<String, byte[]>> jar = Arbitraries
			.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map((name) -> name + ".class"), content)
			.ofMinSize(1)
			.ofMaxSize(5);
		return jar.list().ofMinSize(1).ofMaxSize(4);
	}

	/** The first jar is the executable one; its manifest names the others, in lib/. */
	private static List<Path> writeClassPath(Path directory, List<Map<String, byte[]>> jars) throws IOException {
		Path lib = Files.createDirectories(directory.resolve("lib"));
		List<Path> paths = new ArrayList<>(List.of(directory.resolve("app.jar")));
		for (int i = 1; i < jars.size(); i++) {
			paths.add(writeJar(lib.resolve("lib-" + i + ".jar"), jars.get(i), List.of()));
		}
		writeJar(paths.get(0), jars.get(0), paths.subList(1, paths.size()));
		return paths;
	}

	private static Path writeJar(Path path, Map<String, byte[]> entries, List<Path> classPath) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		if (!classPath.isEmpty()) {
			manifest.getMainAttributes()
				.put(Attributes.Name.CLASS_PATH, String.join(" ",
						classPath.stream().map((jar) -> path.getParent().relativize(jar).toString()).toList()));
		}
		try (OutputStream file = Files.newOutputStream(path);
				JarOutputStream jar = new JarOutputStream(file, manifest)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				// stored, not compressed: a changed byte keeps the jar's size
				JarEntry content = new JarEntry(entry.getKey());
				CRC32 crc = new CRC32();
				crc.update(entry.getValue());
				content.setMethod(ZipEntry.STORED);
				content.setSize(entry.getValue().length);
				content.setCompressedSize(entry.getValue().length);
				content.setCrc(crc.getValue());
				content.setTime(0);
				jar.putNextEntry(content);
				jar.write(entry.getValue());
				jar.closeEntry();
			}
		}
		return path;
	}

	/**
	 * The program the real JVM runs: the check, as the processor's main runs it first.
	 */
	static final class AotCacheMain {

		static final String STARTED = "started after the check";

		public static void main(String[] args) {
			AotCache.check();
			System.out.println(STARTED);
		}

	}

}
