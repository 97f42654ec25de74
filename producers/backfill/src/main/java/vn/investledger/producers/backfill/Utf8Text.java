package vn.investledger.producers.backfill;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import vn.investledger.events.Limits;

/**
 * The input file as text: UTF-8, with or without the byte order mark (U+FEFF) that
 * Excel's "CSV UTF-8" writes at the start. A file in another encoding (a Vietnamese
 * Windows code page such as Windows-1258, or TCVN3) is refused as a whole, naming its
 * first line that is not UTF-8, before anything of it is sent.
 */
final class Utf8Text {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private static final int BUFFER = 64 * 1024;

	private Utf8Text() {
	}

	/**
	 * Opens the file for reading, after its byte order mark if it has one.
	 * @param file the file
	 * @return a reader that fails on bytes that are not UTF-8
	 * @throws IOException if the file cannot be read
	 */
	static BufferedReader open(Path file) throws IOException {
		BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
		reader.mark(1);
		if (reader.read() != BYTE_ORDER_MARK) {
			reader.reset();
		}
		return reader;
	}

	/**
	 * Counts the file's lines, as {@link BufferedReader#readLine()} and Commons CSV count
	 * them ({@code \n}, {@code \r\n} or {@code \r} end a line), and checks that every
	 * byte is UTF-8.
	 * @param file the file
	 * @param maxLineChars the characters of a line at most
	 * @return its lines
	 * @throws IOException if the file cannot be read
	 * @throws IllegalStateException naming the first line that is not UTF-8 or is longer
	 */
	static long lines(Path file, long maxLineChars) throws IOException {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
		CharBuffer chars = CharBuffer.allocate(BUFFER);
		LineCounter lines = new LineCounter(maxLineChars);
		try (ReadableByteChannel channel = Files.newByteChannel(file)) {
			boolean end = false;
			while (!end) {
				end = channel.read(bytes) < 0;
				bytes.flip();
				CoderResult result;
				do {
					result = decoder.decode(bytes, chars, end);
					lines.count(chars.flip());
					if (lines.tooLong() > 0) {
						throw new IllegalStateException("Line " + lines.tooLong() + " of " + file + " is longer than "
								+ maxLineChars + " characters, where a line holds one event of at most "
								+ Limits.MAX_EVENT_BYTES + " bytes: is the file one JSON array rather than one event"
								+ " per line (NDJSON)? Write one event per line and run again; nothing of it was sent.");
					}
					chars.clear();
					if (result.isError()) {
						byte[] bad = new byte[result.length()];
						bytes.get(bytes.position(), bad);
						throw new IllegalStateException("Line " + lines.current() + " of " + file
								+ " is not UTF-8 (byte" + ((bad.length > 1) ? "s " : " ")
								+ HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bad) + " at character "
								+ (lines.column() + 1) + "): the file must be UTF-8. Save it as UTF-8"
								+ " (in Excel: \"CSV UTF-8\") and run again; nothing of it was sent.");
					}
				}
				while (result.isOverflow());
				bytes.compact();
			}
		}
		return lines.total();
	}

	/** Counts line ends as they go by, a {@code \r\n} split across buffers once. */
	private static final class LineCounter {

		private final long limit;

		private long ends;

		private long column;

		private boolean afterCarriageReturn;

		/** The first line longer than the limit, or 0. */
		private long tooLong;

		LineCounter(long limit) {
			this.limit = limit;
		}

		void count(CharBuffer chars) {
			while (chars.hasRemaining()) {
				char c = chars.get();
				if (c == '\n' && this.afterCarriageReturn) {
					this.afterCarriageReturn = false;
					continue;
				}
				this.afterCarriageReturn = (c == '\r');
				if (c == '\n' || c == '\r') {
					this.ends++;
					this.column = 0;
				}
				else {
					this.column++;
					if (this.column > this.limit && this.tooLong == 0) {
						this.tooLong = current();
					}
				}
			}
		}

		long tooLong() {
			return this.tooLong;
		}

		long current() {
			return this.ends + 1;
		}

		long column() {
			return this.column;
		}

		long total() {
			return (this.column > 0) ? this.ends + 1 : this.ends;
		}

	}

}
