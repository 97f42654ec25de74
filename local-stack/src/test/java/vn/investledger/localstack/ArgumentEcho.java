package vn.investledger.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * Writes the arguments it was started with to the file its first argument names, each in
 * Base64 on a line of its own, so that a test can compare them byte for byte.
 */
public final class ArgumentEcho {

	private ArgumentEcho() {
	}

	public static void main(String[] args) throws Exception {
		Files.writeString(Path.of(args[0]),
				Arrays.stream(args)
					.skip(1)
					.map((argument) -> Base64.getEncoder().encodeToString(argument.getBytes(StandardCharsets.UTF_8)))
					.collect(Collectors.joining("\n")),
				StandardCharsets.UTF_8);
	}

}
