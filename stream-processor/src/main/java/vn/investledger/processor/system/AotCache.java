package vn.investledger.processor.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The JVM's ahead-of-time cache (JDK 25: {@code -XX:AOTCacheOutput} writes it when the
 * JVM exits, {@code -XX:AOTCache} starts from it), kept to the build it was made from.
 * <p>
 * The cache holds the classes a training run loaded, parsed and linked: a replay started
 * from it skips most of Spring's start (README "Replay", "It can start warm"). But the
 * JVM checks each jar against the cache by its size only (on JDK 25.0.3, a jar rebuilt
 * with a class changed, its size kept and its modification time later ran the cache's old
 * class): a cache of the previous build could count by the previous rules. So an instance
 * that writes a cache locks it ({@code <cache>.lock}, held until the JVM has ended, so
 * that two training runs cannot interleave), deletes the one it would replace, and
 * records beside it ({@code <cache>.jars}) every jar of its class path with a digest of
 * every entry's name, size and CRC-32; an instance that starts from a cache refuses to
 * start while a training run holds its lock, or unless its jars are the ones recorded. A
 * cache that does not exist is no danger: the JVM says so and runs without one. Only the
 * one-step {@code -XX:AOTCacheOutput} is kept so: a cache made in two steps
 * ({@code -XX:AOTMode=record}, then {@code create}) has no record unless one was left.
 */
public final class AotCache {

	/** What is appended to the cache's path to name the record of its jars. */
	public static final String RECORD_SUFFIX = ".jars";

	/** The locks of the caches this JVM writes, held until it ends. */
	private static final List<FileLock> HELD = new java.util.concurrent.CopyOnWriteArrayList<>();

	private AotCache() {
	}

	/**
	 * Checks this JVM's cache options against its class path; call first in {@code main}.
	 * On a JVM without the options (before JDK 25) it does nothing.
	 * @throws IllegalStateException if the JVM started from a cache made from other jars,
	 * or from one with no record of its jars
	 */
	public static void check() {
		Optional<Path> used = option("AOTCache");
		Optional<Path> written = option("AOTCacheOutput");
		if (used.isPresent() || written.isPresent()) {
			check(used, written, classPath(System.getProperty("java.class.path"), Path.of("").toAbsolutePath()));
		}
	}

	/**
	 * Checks a cache the JVM started from against the class path, then prepares the one
	 * it will write.
	 * @param used the cache the JVM started from, if any
	 * @param written the cache the JVM writes at exit, if any
	 * @param classPath every jar of the class path, the manifests' {@code Class-Path}
	 * included, in the JVM's order
	 * @throws IllegalStateException if the cache used was made from other jars, or has no
	 * record of its jars
	 */
	static void check(Optional<Path> used, Optional<Path> written, List<Path> classPath) {
		for (String property : List.of("jdk.module.path", "jdk.boot.class.path.append")) {
			if (System.getProperty(property) != null) {
				throw new IllegalStateException("An AOT cache is kept to the jars of the class path only, and this JVM"
						+ " has " + property + " set: start it without -XX:AOTCache and -XX:AOTCacheOutput");
			}
		}
		// the jars, described once
		List<String> current = null;
		if (written.isPresent()) {
			writing(written.get());
		}
		if (used.isPresent() && Files.exists(used.get())) {
			if (!used.equals(written) && !free(used.get())) {
				throw new IllegalStateException("The AOT cache " + used.get() + " is being written by a training run"
						+ " (it holds " + lock(used.get()) + "): start once it has ended");
			}
			Path record = record(used.get());
			if (!Files.exists(record)) {
				throw new IllegalStateException("The AOT cache " + used.get() + " has no record of the jars it was made"
						+ " from (" + record + "): the JVM checks only their sizes, so classes of another build could"
						+ " run. Start without -XX:AOTCache, or from a cache a training run wrote with -XX:AOTCacheOutput");
			}
			List<String> recorded = read(record);
			current = describe(classPath);
			if (!recorded.equals(current)) {
				throw new IllegalStateException("The AOT cache " + used.get() + " was made from other jars than this"
						+ " JVM's (" + firstDifference(recorded, current) + "): the JVM checks only their sizes, so"
						+ " classes of the other build could run. Delete the cache, or start without -XX:AOTCache");
			}
		}
		if (written.isPresent()) {
			write(written.get(), (current != null) ? current : describe(classPath));
		}
	}

	/**
	 * The jars of a class path in the JVM's order: each entry, then the jars its
	 * manifest's {@code Class-Path} names (relative to its directory), once each.
	 * @param classPath the class path, as in {@code java.class.path}
	 * @param workingDirectory what relative entries are relative to
	 * @return the entries
	 */
	static List<Path> classPath(String classPath, Path workingDirectory) {
		Set<Path> entries = new LinkedHashSet<>();
		for (String entry : classPath.split(java.io.File.pathSeparator)) {
			if (!entry.isEmpty()) {
				add(workingDirectory.resolve(entry), entries);
			}
		}
		return List.copyOf(entries);
	}

	private static void add(Path path, Set<Path> entries) {
		// the file the JVM opens: through links, and ".." after a link as the file
		// system resolves it
		Path entry = path;
		try {
			entry = Files.exists(path) ? path.toRealPath() : path;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the class path's entry " + path, ex);
		}
		if (!entries.add(entry) || !Files.isRegularFile(entry)) {
			return;
		}
		try (JarFile jar = new JarFile(entry.toFile())) {
			Manifest manifest = jar.getManifest();
			String named = (manifest != null) ? manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH)
					: null;
			if (named != null) {
				for (String relative : named.trim().split("\\s+")) {
					if (!relative.isEmpty()) {
						add(entry.resolveSibling(relative), entries);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the class path's jar " + entry, ex);
		}
	}

	/**
	 * One line for each entry of a class path: its path, its size and a digest of every
	 * entry's name, size and CRC-32 (a directory: its path alone; the JVM neither writes
	 * nor uses a cache with a class directory that holds anything).
	 */
	static List<String> describe(List<Path> classPath) {
		List<String> lines = new ArrayList<>();
		for (Path entry : classPath) {
			if (!Files.isRegularFile(entry)) {
				lines.add(entry + " -");
				continue;
			}
			try (JarFile jar = new JarFile(entry.toFile(), false)) {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				Enumeration<? extends ZipEntry> contents = jar.entries();
				while (contents.hasMoreElements()) {
					ZipEntry content = contents.nextElement();
					digest.update((content.getName() + '\0' + content.getSize() + '\0' + content.getCrc() + '\n')
						.getBytes(StandardCharsets.UTF_8));
				}
				lines.add(entry + " " + Files.size(entry) + " " + HexFormat.of().formatHex(digest.digest()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read the class path's jar " + entry, ex);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return lines;
	}

	private static String firstDifference(List<String> recorded, List<String> current) {
		for (int i = 0; i < Math.max(recorded.size(), current.size()); i++) {
			String was = (i < recorded.size()) ? recorded.get(i) : "none";
			String is = (i < current.size()) ? current.get(i) : "none";
			if (!was.equals(is)) {
				return "class path entry " + (i + 1) + " recorded as " + was + ", now " + is;
			}
		}
		return "none";
	}

	/**
	 * Deletes the cache the JVM will write over, so that an instance that dies before it
	 * exits leaves no cache beside a record of other jars, then records the jars.
	 */
	private static void write(Path cache, List<String> jars) {
		try {
			Files.deleteIfExists(cache);
			Path record = record(cache);
			Path partial = record.resolveSibling(record.getFileName() + ".partial");
			Files.write(partial, jars, StandardCharsets.UTF_8);
			Files.move(partial, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare the AOT cache " + cache, ex);
		}
	}

	/**
	 * Holds the cache's lock until this JVM ends, after it has written the cache: another
	 * training run for the same cache, which could write its own after this one's record,
	 * or an instance that would start from a cache half written, is refused meanwhile.
	 */
	private static void writing(Path cache) {
		try {
			FileChannel channel = FileChannel.open(lock(cache), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				// held in this JVM
				lock = null;
			}
			if (lock == null) {
				channel.close();
				throw new IllegalStateException("The AOT cache " + cache + " is being written by another training run"
						+ " (it holds " + lock(cache) + "): one at a time");
			}
			// never released: the JVM's end releases it
			HELD.add(lock);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not lock " + lock(cache), ex);
		}
	}

	private static boolean free(Path cache) {
		if (!Files.exists(lock(cache))) {
			return true;
		}
		try (FileChannel channel = FileChannel.open(lock(cache), StandardOpenOption.WRITE);
				FileLock lock = channel.tryLock()) {
			return lock != null;
		}
		catch (OverlappingFileLockException ex) {
			// this JVM writes it
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the lock " + lock(cache), ex);
		}
	}

	/** Releases the locks this JVM holds, as its end does. */
	static void ended() {
		for (FileLock lock : HELD) {
			try {
				lock.channel().close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		HELD.clear();
	}

	private static Path lock(Path cache) {
		return cache.resolveSibling(cache.getFileName() + ".lock");
	}

	private static List<String> read(Path record) {
		try {
			return Files.readAllLines(record, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + record, ex);
		}
	}

	static Path record(Path cache) {
		return cache.resolveSibling(cache.getFileName() + RECORD_SUFFIX);
	}

	/** A path option of the JVM, if set; none on a JVM that does not know it. */
	private static Optional<Path> option(String name) {
		try {
			String value = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
				.getVMOption(name)
				.getValue();
			return (value == null || value.isEmpty()) ? Optional.empty() : Optional.of(Path.of(value).toAbsolutePath());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
