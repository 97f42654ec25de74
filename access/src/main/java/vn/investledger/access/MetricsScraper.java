package vn.investledger.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The one account that may read a service's Prometheus metrics
 * ({@link MetricsScraperSecurity}), by HTTP Basic authentication: Prometheus's. Only the
 * SHA-256 of its password is configured, never the password. Without
 * {@code investledger.metrics-scraper.sha256} there is no such account, and nobody reads
 * the metrics.
 *
 * @param name its user name
 * @param sha256 the SHA-256 of its password, 64 hex digits ({@link #sha256Hex}), or
 * {@code null} for no account
 */
@Validated
@ConfigurationProperties("investledger.metrics-scraper")
public record MetricsScraper(@NotBlank @DefaultValue(MetricsScraper.DEFAULT_NAME) String name,
		@Pattern(regexp = "[0-9a-fA-F]{64}") String sha256) {

	/** The account's name unless configured: Prometheus's. */
	public static final String DEFAULT_NAME = "prometheus";

	/**
	 * Whether the account exists.
	 * @return true if a password's hash is configured
	 */
	public boolean configured() {
		return this.sha256 != null;
	}

	/**
	 * The value to configure as {@code investledger.metrics-scraper.sha256} for a
	 * password.
	 * @param password the password
	 * @return its SHA-256 in lowercase hex (what {@code sha256sum} prints)
	 */
	public static String sha256Hex(String password) {
		return HexFormat.of().formatHex(sha256(password));
	}

	static byte[] sha256(String password) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
