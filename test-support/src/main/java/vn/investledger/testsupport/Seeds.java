package vn.investledger.testsupport;

import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The seeds of a generative test: each case draws its values from a {@link Random} of one
 * seed, and a failing case is named by it. Cases per test:
 * {@code -Dinvestledger.property.tries} (or the test's own default);
 * {@code -Dinvestledger.property.seed=N} runs case N alone.
 */
public final class Seeds {

	private Seeds() {
	}

	/**
	 * The seeds of one run.
	 * @param defaultTries how many cases when {@code investledger.property.tries} is
	 * unset
	 * @return the seeds
	 */
	public static Stream<Long> of(int defaultTries) {
		String seed = System.getProperty("investledger.property.seed");
		if (seed != null) {
			return Stream.of(Long.parseLong(seed));
		}
		int tries = Integer.getInteger("investledger.property.tries", defaultTries);
		Random base = new Random();
		return LongStream.generate(base::nextLong).limit(tries).boxed();
	}

}
