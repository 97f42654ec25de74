package vn.investledger.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's CPU went over a time window, from the execution samples of a flight
 * recording ({@code jdk.ExecutionSample}, as {@code jfr print --events
 * jdk.ExecutionSample} lists them): samples by thread, then, for the threads in focus,
 * the methods most often on top of the stack (self) and most often anywhere on it
 * (inclusive), and the same for the platform's own code alone.
 */
final class FlightRecordingSummary {

	private static final int TOP = 25;

	private static final Pattern UUID = Pattern
		.compile("-?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final Pattern NUMBER = Pattern.compile("\\d+");

	private FlightRecordingSummary() {
	}

	/**
	 * Prints the summary of a recording.
	 * @param recording the {@code .jfr} file
	 * @param from the window's start
	 * @param to the window's end
	 * @param focus the threads whose stacks to summarise, by name
	 * @param focusName what to call them
	 */
	static void print(Path recording, Instant from, Instant to, Predicate<String> focus, String focusName)
			throws IOException {
		Map<String, Integer> byThreads = new HashMap<>();
		Map<String, Integer> self = new HashMap<>();
		Map<String, Integer> inclusive = new HashMap<>();
		Map<String, Integer> ours = new HashMap<>();
		int focused = 0;
		int all = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStartTime().isBefore(from)
						|| event.getStartTime().isAfter(to)) {
					continue;
				}
				all++;
				RecordedThread thread = event.getThread("sampledThread");
				String name = (thread != null && thread.getJavaName() != null) ? thread.getJavaName() : "?";
				byThreads.merge(group(name), 1, Integer::sum);
				RecordedStackTrace stack = event.getStackTrace();
				if (!focus.test(name) || stack == null || stack.getFrames().isEmpty()) {
					continue;
				}
				focused++;
				List<RecordedFrame> frames = stack.getFrames();
				self.merge(nameOf(frames.get(0)), 1, Integer::sum);
				Set<String> seen = new HashSet<>();
				for (RecordedFrame frame : frames) {
					String method = nameOf(frame);
					if (seen.add(method)) {
						inclusive.merge(method, 1, Integer::sum);
						if (method.startsWith("vn.investledger.")) {
							ours.merge(method, 1, Integer::sum);
						}
					}
				}
			}
		}
		System.out.printf("%nExecution samples from %s to %s: %,d, by thread%n", from, to, all);
		print(byThreads, all, 10);
		System.out.printf("%n%s, on top of the stack (self), of %,d samples:%n", focusName, focused);
		print(self, focused, TOP);
		System.out.printf("%n%s, anywhere on the stack (inclusive), of %,d samples:%n", focusName, focused);
		int samples = focused;
		// the run loop and what always calls it are on every stack and say nothing
		inclusive.values().removeIf((count) -> count > 0.97 * samples);
		print(inclusive, focused, 2 * TOP);
		System.out.printf("%n%s, the platform's own methods (inclusive), of %,d samples:%n", focusName, focused);
		print(ours, focused, TOP);
	}

	private static void print(Map<String, Integer> counts, int of, int top) {
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.limit(top)
			.forEach((entry) -> System.out.printf("  %6.1f %%  %,7d  %s%n", 100.0 * entry.getValue() / Math.max(1, of),
					entry.getValue(), entry.getKey()));
	}

	/**
	 * A thread's name without what differs between threads of one kind: a producer's
	 * network thread without its client, ids and numbers.
	 */
	private static String group(String thread) {
		String name = thread.split(" \\| ")[0];
		return NUMBER.matcher(UUID.matcher(name).replaceAll("")).replaceAll("N");
	}

	private static String nameOf(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

}
