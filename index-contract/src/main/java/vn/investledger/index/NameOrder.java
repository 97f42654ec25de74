package vn.investledger.index;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The key that sorts names in the order of the Vietnamese alphabet, a ă â b c d đ e ê g h
 * i k l m n o ô ơ p q r s t u ư v x y: Đ after D, not after Z as by code point. Letters
 * are compared first, word by word (a space sorts before any letter, so "An Phát" comes
 * before "Anh"); tone marks and case do not count (the search API breaks such ties by
 * project code). The local Elasticsearch has no collation plugin, so the indexer writes
 * this key beside the name and the search API sorts on it.
 * <p>
 * The name is decomposed (NFD: a letter and its marks) and lower-cased; ă, â, ê, ô, ơ, ư
 * and đ become their base letter followed by one to three {@code ~}, which sorts after
 * every lower-case ASCII letter, so each comes after its base letter and before the next
 * one (ă "a~" before â "a~~" before b); the tone marks are left out.
 */
public final class NameOrder {

	private NameOrder() {
	}

	/**
	 * The sort key of a name.
	 * @param name a name, or {@code null}
	 * @return its key, or {@code null} for {@code null}
	 */
	public static String keyOf(String name) {
		if (name == null) {
			return null;
		}
		String letters = Normalizer.normalize(name, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
		StringBuilder key = new StringBuilder(letters.length() + 8);
		for (int i = 0; i < letters.length(); i++) {
			char c = letters.charAt(i);
			switch (c) {
				// ă
				case '\u0306' -> key.append('~');
				// â, ê, ô
				case '\u0302' -> key.append("~~");
				// ơ, ư
				case '\u031B' -> key.append("~~~");
				// đ, and ð, which text converted from the TCVN3 and VNI encodings often
				// has for it (Ð, U+00D0, lower-cased)
				case 'đ', 'ð' -> key.append("d~");
				default -> {
					if (Character.getType(c) != Character.NON_SPACING_MARK) {
						key.append(c);
					}
				}
			}
		}
		return key.toString();
	}

}
