package vn.investledger.access;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The accounts of {@code investledger.access.users} ({@link AccessProperties}), an admin
 * being an official too. A service imports it into its security configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessProperties.class)
public class AccessConfiguration {

	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix().role(Role.ADMIN.name()).implies(Role.OFFICIAL.name()).build();
	}

	/**
	 * Checks the accounts' passwords, and a name no account has at the accounts' cost
	 * ({@link AccountHashes}).
	 * @param access the accounts
	 * @return the encoder
	 */
	@Bean
	PasswordEncoder passwordEncoder(AccessProperties access) {
		return AccountHashes.encoder(access.users());
	}

	@Bean
	UserDetailsService users(AccessProperties access) {
		if (access.users().isEmpty()) {
			throw new IllegalStateException("No account may sign in: configure investledger.access.users[0].name, "
					+ ".password (a hash, see vn.investledger.access.PasswordHash) and .roles (OFFICIAL or ADMIN)");
		}
		return new InMemoryUserDetailsManager(access.users()
			.stream()
			.map((user) -> (UserDetails) User.withUsername(user.name())
				.password(user.password())
				.authorities(user.roles().stream().map(Role::authority).toArray(String[]::new))
				.build())
			.toList());
	}

}
