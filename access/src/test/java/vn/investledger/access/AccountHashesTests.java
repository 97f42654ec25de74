package vn.investledger.access;

import java.util.List;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A name no account has is checked at the accounts' own cost, and the accounts share one:
 * the time of a refused sign-in does not tell a real name from an unknown one. The dummy
 * Spring Security checks an unknown name against is what the encoder hashes, so its cost
 * is read from the hash rather than timed.
 */
class AccountHashesTests {

	@Property(tries = 6)
	void shouldHashAnUnknownNamesDummyAtTheAccountsBcryptCost(@ForAll @IntRange(min = 10, max = 12) int cost) {
		String hash = "{bcrypt}" + new BCryptPasswordEncoder(cost).encode("mật khẩu");
		PasswordEncoder encoder = AccountHashes.encoder(List.of(user("cán-bộ", hash),
				user("quản-trị", "{bcrypt}" + new BCryptPasswordEncoder(cost).encode("khác"))));

		String dummy = encoder.encode("userNotFoundPassword");

		assertThat(AccountHashes.costOf(dummy)).isEqualTo("bcrypt " + cost);
		assertThat(encoder.matches("mật khẩu", hash)).isTrue();
		assertThat(encoder.matches("mật khẩu sai", hash)).isFalse();
	}

	@Test
	void shouldPrintAHashOfTheCostTheAccountsUse() {
		String twelve = PasswordHash.of("mật khẩu", 12);

		assertThat(AccountHashes.costOf(twelve)).isEqualTo("bcrypt 12");
		assertThat(AccountHashes.encoder(List.of(user("cán-bộ", twelve))).matches("mật khẩu", twelve)).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> PasswordHash.of("mật khẩu", 9));
	}

	@Test
	void shouldHashAnUnknownNamesDummyWithPbkdf2WhenTheAccountsUseIt() {
		String hash = "{pbkdf2@SpringSecurity_v5_8}"
				+ Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("mật khẩu");
		PasswordEncoder encoder = AccountHashes.encoder(List.of(user("cán-bộ", hash)));

		assertThat(encoder.encode("userNotFoundPassword")).startsWith("{pbkdf2@SpringSecurity_v5_8}");
		assertThat(encoder.matches("mật khẩu", hash)).isTrue();
	}

	@Test
	void shouldRefuseAccountsHashedAtDifferentCosts() {
		List<AccessProperties.User> users = List.of(
				user("cán-bộ", "{bcrypt}" + new BCryptPasswordEncoder(10).encode("a")),
				user("quản-trị", "{bcrypt}" + new BCryptPasswordEncoder(11).encode("b")));

		assertThatIllegalStateException().isThrownBy(() -> AccountHashes.encoder(users))
			.withMessageContaining("bcrypt 10 for cán-bộ")
			.withMessageContaining("bcrypt 11 for quản-trị")
			.withMessageContaining("Hash every password alike");
	}

	@Test
	void shouldRefuseBcryptBesidePbkdf2() {
		List<AccessProperties.User> users = List.of(
				user("cán-bộ", "{bcrypt}" + new BCryptPasswordEncoder(10).encode("a")),
				user("quản-trị", "{pbkdf2}" + Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5().encode("b")));

		assertThatIllegalStateException().isThrownBy(() -> AccountHashes.encoder(users))
			.withMessageContaining("pbkdf2 for quản-trị");
	}

	private static AccessProperties.User user(String name, String hash) {
		return new AccessProperties.User(name, hash, Set.of(Role.OFFICIAL));
	}

}
