package vn.investledger.console.search;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signs a search's cursor for the official it is given to: an HMAC-SHA-256, under the
 * console's key, of the official's name and everything the cursor carries (its point in
 * time, its search, its sort values). Another official who pages with it, or a cursor
 * altered in any part, is refused: no one keeps open, or at the last page closes, the
 * point in time of another's search. The key is {@code investledger.search.cursor-key}
 * (at least 32 characters), the same on every console instance behind one address; unset,
 * each instance draws its own as it starts, and a cursor pages on the instance that gave
 * it out (or until it restarts).
 */
@Component
class CursorSigner {

	private static final String ALGORITHM = "HmacSHA256";

	/** The shortest key accepted, in bytes of UTF-8. */
	static final int MIN_KEY_BYTES = 32;

	private final SecretKeySpec key;

	CursorSigner(@Value("${investledger.search.cursor-key:}") String configured) {
		byte[] bytes;
		if (configured.isEmpty()) {
			bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
		}
		else {
			bytes = configured.getBytes(StandardCharsets.UTF_8);
			if (bytes.length < MIN_KEY_BYTES || configured.isBlank()) {
				throw new IllegalArgumentException("investledger.search.cursor-key must be at least " + MIN_KEY_BYTES
						+ " bytes of UTF-8 that are not all blank: it has " + bytes.length);
			}
		}
		this.key = new SecretKeySpec(bytes, ALGORITHM);
	}

	/**
	 * Signs a cursor for an official.
	 * @param cursor the cursor
	 * @param user the official it is given to
	 * @return the cursor signed
	 */
	Cursor sign(Cursor cursor, String user) {
		return cursor.signed(signature(cursor, user));
	}

	/**
	 * A cursor given to an official's search, checked.
	 * @param cursor the cursor as read
	 * @param user the official who pages with it
	 * @return the cursor
	 * @throws BadSearchException if it was given to another official, or altered
	 */
	Cursor verified(Cursor cursor, String user) {
		String expected = signature(cursor, user);
		if (cursor.holder() == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				cursor.holder().getBytes(StandardCharsets.US_ASCII))) {
			throw new BadSearchException("The cursor was given to another official's search, or altered (or by a"
					+ " console instance with another investledger.search.cursor-key): page with the cursors of your"
					+ " own search, or start again without it");
		}
		return cursor;
	}

	private String signature(Cursor cursor, String user) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			mac.update(String.valueOf(user).getBytes(StandardCharsets.UTF_8));
			mac.update((byte) '\n');
			byte[] digest = mac.doFinal(cursor.payload().getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA-256 is not available", ex);
		}
	}

}
