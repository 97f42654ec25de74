package vn.investledger.index;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Vietnamese text without its diacritics, lower case: "HẢI PHÒNG", "Hải Phòng" and "hai
 * phong" all fold to "hai phong", and "Đình Vũ" to "dinh vu". The indexer folds the
 * searchable text before indexing and the search API folds each query the same way, so
 * search needs no analysis plugin: it behaves the same on the minimal local Elasticsearch
 * (which has no {@code asciifolding} filter) and on a full one.
 */
public final class Folding {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private Folding() {
	}

	/**
	 * Folds a text.
	 * @param text any text, or {@code null}
	 * @return the text decomposed, without combining marks, with đ as d, in lower case;
	 * {@code null} for {@code null}
	 */
	public static String fold(String text) {
		if (text == null) {
			return null;
		}
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		// đ and Đ are letters of their own, not d with a combining mark; ð and Ð, which
		// text converted from the TCVN3 and VNI encodings often has for them, alike
		String plain = MARKS.matcher(decomposed)
			.replaceAll("")
			.replace('đ', 'd')
			.replace('Đ', 'D')
			.replace('ð', 'd')
			.replace('Ð', 'D');
		return plain.toLowerCase(Locale.ROOT);
	}

}
