package vn.investledger.producers.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the gateway stores a province's API key: only its SHA-256, never the key.
 */
public final class ApiKeys {

	private ApiKeys() {
	}

	/**
	 * The value to configure as {@code investledger.api-keys[n].sha256} for a key.
	 * @param key the key a province system sends
	 * @return its SHA-256 in lowercase hex (what {@code sha256sum} prints)
	 */
	public static String sha256Hex(String key) {
		return HexFormat.of().formatHex(sha256(key));
	}

	static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
