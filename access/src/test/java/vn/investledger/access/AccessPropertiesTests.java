package vn.investledger.access;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's password is configured as the hash of a slow password-hashing algorithm
 * only: a password in clear or a fast hash in a configuration file would give every
 * account to whoever reads it.
 */
class AccessPropertiesTests {

	private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

	private final Validator validator = VALIDATION.getValidator();

	@Test
	void shouldTakeTheHashesPasswordHashPrints() {
		assertThat(violations(PasswordHash.of("mật khẩu của cán bộ"))).isEmpty();
	}

	@Test
	void shouldTakeTheExamplesPlaceholderWhichMatchesNoPassword() {
		// docker/console-users.example.yml: the form of a hash, of no password
		assertThat(violations("{bcrypt}$2a$10$replace.with.the.hash.of.a.real.password.000000000000")).isEmpty();
	}

	@Property
	void shouldTakeOnlyThePasswordHashingAlgorithms(
			@ForAll @AlphaChars @NumericChars @Chars({ '$', '.', '/', '=' }) @StringLength(min = 1,
					max = 60) String hash,
			@ForAll("algorithms") String algorithm) {
		// (a bcrypt hash of any text is refused: it has a form, below; so has PBKDF2's)
		assertThat(violations(algorithm + hash)).as("%s%s", algorithm, hash)
			.extracting(ConstraintViolation::getMessage)
			.anySatisfy((message) -> assertThat(message).contains("not {noop}"));
	}

	@Property
	void shouldTakeAPbkdf2HashOfHexDigits(@ForAll("pbkdf2") String algorithm, @ForAll @Chars({ '0', '1', '2', '3', '4',
			'5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f' }) @StringLength(min = 64, max = 1024) String hex) {
		assertThat(violations(algorithm + hex)).isEmpty();
		assertThat(violations(algorithm + hex.substring(1) + "g")).hasSize(1);
	}

	@Test
	void shouldTakeTheHashesSpringsPbkdf2EncodersMake() {
		assertThat(violations(
				"{pbkdf2}" + Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5().encode("mật khẩu của cán bộ")))
			.isEmpty();
		assertThat(violations("{pbkdf2@SpringSecurity_v5_8}"
				+ Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("mật khẩu của cán bộ")))
			.isEmpty();
	}

	@Provide
	Arbitrary<String> pbkdf2() {
		return Arbitraries.of("{pbkdf2}", "{pbkdf2@SpringSecurity_v5_8}");
	}

	@Property
	void shouldTakeABcryptHashOfACostOfTenOrMore(@ForAll @IntRange(min = 0, max = 99) int cost,
			@ForAll("versions") String version, @ForAll("bcryptText") String saltAndHash) {
		String hash = "{bcrypt}$" + version + "$" + String.format("%02d", cost) + "$" + saltAndHash;

		assertThat(violations(hash)).as(hash).hasSize((cost >= 10 && cost <= 31) ? 0 : 1);
		assertThat(violations(hash.substring(0, hash.length() - 1))).as("one character short").hasSize(1);
	}

	@Provide
	Arbitrary<String> versions() {
		return Arbitraries.of("2", "2a", "2b", "2y");
	}

	@Provide
	Arbitrary<String> bcryptText() {
		return Arbitraries.strings()
			.withChars("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
			.ofLength(53);
	}

	@Provide
	Arbitrary<String> algorithms() {
		// argon2 and scrypt need Bouncy Castle, which the services do not ship: every
		// sign-in would fail
		return Arbitraries.of("{bcrypt}", "{argon2}", "{scrypt}", "{argon2@SpringSecurity_v5_8}",
				"{scrypt@SpringSecurity_v5_8}", "{noop}", "{sha256}", "{SHA-256}", "{ldap}", "{MD5}", "{MD4}",
				"{SHA-1}", "{BCRYPT}", "{bcrypt }", "", "{}", "bcrypt");
	}

	@Property
	void shouldNameTheAlgorithmsToUseWhenGivenAPasswordInClear(@ForAll @AlphaChars @NotEmpty String password) {
		assertThat(violations("{noop}" + password)).extracting(ConstraintViolation::getMessage)
			.containsExactly("must be the hash of a password-hashing algorithm with its name: {bcrypt}$2a$10$… (see"
					+ " PasswordHash; a cost of 10 at least) or {pbkdf2}; not {noop}, {sha256} or {ldap}, which"
					+ " anyone who reads the configuration could reverse or guess at speed, nor {argon2} or {scrypt},"
					+ " which need Bouncy Castle, not shipped");
	}

	private Set<ConstraintViolation<AccessProperties.User>> violations(String password) {
		return this.validator.validate(new AccessProperties.User("cán-bộ", password, Set.of(Role.OFFICIAL)));
	}

}
