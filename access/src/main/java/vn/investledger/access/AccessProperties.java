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

	public AccessProperties {
		users = (users != null) ? List.copyOf(users) : List.of();
	}

	/**
	 * One account.
	 *
	 * @param name the sign-in name
	 * @param password the password's hash with its algorithm, e.g.
	 * {@code {bcrypt}$2y$10$…}: bcrypt, argon2, scrypt or pbkdf2, which make each guess
	 * slow; a password in clear ({@code {noop}}) or a fast hash is refused at start
	 * @param roles what the account may do
	 */
	public record User(@NotBlank String name, @NotBlank @Pattern(
			regexp = "\\{(bcrypt|argon2|scrypt|pbkdf2)(@SpringSecurity_v5_8)?\\}.+",
			message = "must be the hash of a password-hashing algorithm with its name: {bcrypt}$2y$10$…"
					+ " (see PasswordHash), {argon2}, {scrypt} or {pbkdf2}; not {noop}, {sha256} or {ldap},"
					+ " which anyone who reads the configuration could reverse or guess at speed") String password,
			@NotEmpty Set<Role> roles) {

	}

}
