package vn.investledger.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A SHA-256 of texts under a random salt of this instance's own, in hex: what the sign-in
 * keeps in memory instead of names and passwords, so that a heap dump holds neither.
 */
final class SaltedDigest {

	private final byte[] salt = new byte[16];

	SaltedDigest() {
		new SecureRandom().nextBytes(this.salt);
	}

	/**
	 * The digest of texts, each followed by a zero byte, so that no two lists of texts
	 * run together alike.
	 * @param texts the texts, UTF-8
	 * @return the digest in hex
	 */
	String of(String... texts) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(this.salt);
			for (String text : texts) {
				sha256.update(text.getBytes(StandardCharsets.UTF_8));
				sha256.update((byte) 0);
			}
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
