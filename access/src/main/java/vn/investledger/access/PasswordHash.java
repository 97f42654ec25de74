package vn.investledger.access;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Prints the hash to configure as an account's password: reads the password from the
 * terminal without echo (or one line of standard input) and prints
 * {@code {bcrypt}$2a$10$…}; {@code --cost N} (10 to 31) prints bcrypt of that cost, for a
 * deployment whose accounts use it (every account shares one, {@link AccountHashes}).
 * <p>
 * {@code java -cp console/target/console-0.1.0-SNAPSHOT-exec.jar
 * -Dloader.main=vn.investledger.access.PasswordHash
 * org.springframework.boot.loader.launch.PropertiesLauncher} (the indexer's jar holds it
 * too)
 */
public final class PasswordHash {

	private PasswordHash() {
	}

	/**
	 * Hashes a password with the default algorithm (bcrypt).
	 * @param password the password
	 * @return the hash with its algorithm's prefix
	 */
	public static String of(String password) {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password);
	}

	/**
	 * Hashes a password with bcrypt of a cost.
	 * @param password the password
	 * @param cost 10 to 31
	 * @return the hash with its algorithm's prefix
	 */
	public static String of(String password, int cost) {
		if (cost < 10 || cost > 31) {
			throw new IllegalArgumentException("A bcrypt cost is 10 to 31 here, was " + cost);
		}
		return "{bcrypt}" + new BCryptPasswordEncoder(cost).encode(password);
	}

	public static void main(String[] args) throws IOException {
		Integer cost = null;
		if (args.length == 2 && args[0].equals("--cost") && args[1].matches("\\d{1,2}")) {
			cost = Integer.parseInt(args[1]);
		}
		else if (args.length != 0) {
			System.err.println("usage: PasswordHash [--cost 10..31]");
			System.exit(2);
		}
		Console console = System.console();
		String password;
		if (console != null) {
			char[] typed = console.readPassword("Password: ");
			password = (typed != null) ? new String(typed) : "";
		}
		else {
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			String line = in.readLine();
			password = (line != null) ? line : "";
		}
		if (password.isEmpty()) {
			System.err.println("No password given");
			System.exit(2);
		}
		System.out.println((cost != null) ? of(password, cost) : of(password));
	}

}
