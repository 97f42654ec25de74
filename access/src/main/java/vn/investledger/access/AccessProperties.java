package vn.investledger.access;

import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who may sign in to the console and the search API, and to the indexer's admin API (the
 * same accounts, configured alike for both). Only password hashes are configured, never
 * passwords: {@code {bcrypt}$2y$…} as {@link PasswordHash} prints it.
 *
 * @param users the accounts, e.g. {@code investledger.access.users[0].name=official}
 */
@Validated
@ConfigurationProperties("investledger.access")
public record AccessProperties(List<@Valid User> users) {

	/**
	 * A bcrypt hash whose cost is 10 or more (2<sup>10</sup> rounds, some 50 ms a guess):
	 * the version, the cost, and 53 characters of salt and hash.
	 */
	static final String BCRYPT_COST_10_OR_MORE = "\\{bcrypt\\}\\$2[aby]?\\$(1\\d|2\\d|3[01])\\$[./A-Za-z0-9]{53}";

	public AccessProperties {
		users = (users != null) ? List.copyOf(users) : List.of();
	}

	/**
	 * One account.
	 *
	 * @param name the sign-in name
	 * @param password the password's hash with its algorithm, e.g.
	 * {@code {bcrypt}$2a$10$…}: bcrypt of a cost of 10 or more, or PBKDF2, which make
	 * each guess slow ({@link AccountHashes}); a password in clear ({@code {noop}}), a
	 * fast hash, a cheaper bcrypt, or argon2 and scrypt (which need Bouncy Castle, not
	 * shipped) is refused at start
	 * @param roles what the account may do
	 */
	public record User(@NotBlank String name, @NotBlank @Pattern(
			regexp = BCRYPT_COST_10_OR_MORE + "|\\{pbkdf2(@SpringSecurity_v5_8)?\\}[0-9a-f]{64,1024}",
			message = "must be the hash of a password-hashing algorithm with its name: {bcrypt}$2a$10$… (see"
					+ " PasswordHash; a cost of 10 at least) or {pbkdf2}; not {noop}, {sha256} or {ldap}, which"
					+ " anyone who reads the configuration could reverse or guess at speed, nor {argon2} or {scrypt},"
					+ " which need Bouncy Castle, not shipped") String password,
			@NotEmpty Set<Role> roles) {

	}

}
