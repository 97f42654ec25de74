package vn.investledger.access;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

/**
 * The accounts' password hashes share one algorithm and one cost, and a name no account
 * has is checked at that cost too. Spring Security checks an unknown name's password
 * against a dummy hash so that the time of an answer does not tell whether a name exists;
 * its dummy is a bcrypt hash of cost 10, so an account hashed at cost 12 would answer
 * four times slower than an unknown name, and one try per guessed name would list the
 * accounts. The encoder made here hashes its dummy with the accounts' algorithm and cost,
 * and the accounts may not differ from each other in either.
 * <p>
 * The algorithms taken are bcrypt (cost 10 to 31, read from the hash) and PBKDF2 (its
 * iterations fixed by the encoder: 185,000 for {@code {pbkdf2}}, 310,000 for
 * {@code {pbkdf2@SpringSecurity_v5_8}}). Argon2 and scrypt need Bouncy Castle, which the
 * services do not ship: a hash of either would fail at sign-in, so it is refused at start
 * ({@link AccessProperties}).
 */
final class AccountHashes {

	static final String BCRYPT = "bcrypt";

	static final String PBKDF2 = "pbkdf2";

	static final String PBKDF2_V5_8 = "pbkdf2@SpringSecurity_v5_8";

	/** A bcrypt hash's cost, as {@link AccessProperties} takes it. */
	private static final Pattern BCRYPT_COST = Pattern.compile("\\{bcrypt\\}\\$2[aby]?\\$(\\d\\d)\\$.*");

	private static final Pattern ALGORITHM = Pattern.compile("\\{([^}]*)\\}.*");

	private static final int DEFAULT_BCRYPT_COST = 10;

	private AccountHashes() {
	}

	/**
	 * The cost of a hash as {@link AccessProperties} takes it: its algorithm, and for
	 * bcrypt its cost.
	 * @param hash the hash with its algorithm's name
	 * @return e.g. {@code bcrypt 12} or {@code pbkdf2}
	 */
	static String costOf(String hash) {
		Matcher bcrypt = BCRYPT_COST.matcher(hash);
		if (bcrypt.matches()) {
			return BCRYPT + " " + Integer.parseInt(bcrypt.group(1));
		}
		Matcher algorithm = ALGORITHM.matcher(hash);
		return algorithm.matches() ? algorithm.group(1) : "";
	}

	/**
	 * The encoder that checks the accounts' passwords, and hashes an unknown name's dummy
	 * at the accounts' cost.
	 * @param users the accounts, their hashes checked by {@link AccessProperties}
	 * @return the encoder
	 * @throws IllegalStateException if two accounts' hashes differ in algorithm or cost
	 */
	static PasswordEncoder encoder(List<AccessProperties.User> users) {
		Map<String, String> accountOfCost = new TreeMap<>();
		for (AccessProperties.User user : users) {
			accountOfCost.putIfAbsent(costOf(user.password()), user.name());
		}
		if (accountOfCost.size() > 1) {
			throw new IllegalStateException("The accounts' password hashes differ in algorithm or cost (" + String.join(
					", ",
					accountOfCost.entrySet().stream().map((cost) -> cost.getKey() + " for " + cost.getValue()).toList())
					+ "): the time a sign-in takes would tell one account from another and from a name no account "
					+ "has. Hash every password alike, e.g. with PasswordHash (--cost N for bcrypt of cost N)");
		}
		String cost = accountOfCost.isEmpty() ? BCRYPT + " " + DEFAULT_BCRYPT_COST
				: accountOfCost.keySet().iterator().next();
		int bcryptCost = cost.startsWith(BCRYPT + " ") ? Integer.parseInt(cost.substring(BCRYPT.length() + 1))
				: DEFAULT_BCRYPT_COST;
		Map<String, PasswordEncoder> encoders = Map.of(BCRYPT, new BCryptPasswordEncoder(bcryptCost), PBKDF2,
				Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5(), PBKDF2_V5_8,
				Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8());
		String encodeWith = cost.startsWith(BCRYPT + " ") ? BCRYPT : cost;
		return new DelegatingPasswordEncoder(encodeWith, encoders);
	}

}
