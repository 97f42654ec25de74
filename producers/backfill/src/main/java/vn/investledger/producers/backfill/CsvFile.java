package vn.investledger.producers.backfill;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A backfill CSV: a header, then one record per row, as RFC 4180 reads them (a quoted
 * cell may hold commas, line breaks and doubled quotes; an empty line is skipped; cells
 * are trimmed).
 * <p>
 * The file is cut into records here and each record is read by Commons CSV on its own,
 * because Commons CSV cannot go on after a malformed record: it stops on text after a
 * quoted cell's closing quote ({@code "Samsung" Electronics}) and, asked for the next
 * record, reads the rest of that line as one. Cut apart, such a record is one bad row,
 * named by its line and column, and the next record starts on the next line. A quote that
 * opens a cell and is never closed would make the rest of the file one cell: it is an
 * error of the whole file, found before anything of it is sent.
 */
final class CsvFile implements AutoCloseable {

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setTrim(true).get();

	/**
	 * The characters of one row at most: an event is at most 32 KiB of JSON, so a row of
	 * a million characters is a quote that opens a cell and is never closed, read to the
	 * end of a large file; it is an error of the whole file before it fills the memory.
	 */
	static final int MAX_ROW_CHARS = 1 << 20;

	/**
	 * What an error of the whole file means to the clerk. The file is read through before
	 * the first row is sent, so such an error stops the import before it starts.
	 */
	private static final String MUST_BE_FIXED = "The file must be fixed and imported again: nothing of it was sent"
			+ " and no checkpoint was written.";

	private final Reader reader;

	private final char[] buffer = new char[8192];

	private int position;

	private int limit;

	private final StringBuilder text = new StringBuilder();

	private long line = 1;

	private boolean afterCarriageReturn;

	private final List<String> header;

	/**
	 * The cells a row has at the least: up to the header's last named column (the empty
	 * cells after it, as a spreadsheet writes a wider range, a row may leave out).
	 */
	private final int namedColumns;

	private final CSVFormat rows;

	private CsvFile(Reader reader) throws IOException {
		this.reader = reader;
		Chunk first = nextChunk();
		if (first == null) {
			this.header = List.of();
			this.namedColumns = 0;
			this.rows = FORMAT;
			return;
		}
		if (first.unclosedQuote() != null) {
			throw unclosed(first.unclosedQuote(), "cell " + (first.unclosedQuote().cell() + 1) + " of the header");
		}
		if (first.textAfterQuote() >= 0) {
			throw new IllegalStateException("Line " + first.line() + ", the header: cell "
					+ (first.textAfterQuote() + 1) + " has text after its closing quote. " + MUST_BE_FIXED);
		}
		this.header = parse(FORMAT, first.text()).toList();
		int named = this.header.size();
		while (named > 0 && this.header.get(named - 1).isEmpty()) {
			named--;
		}
		this.namedColumns = named;
		if (!this.header.contains("kind")) {
			throw new IllegalStateException("Line " + first.line() + ", the header: it names no column \"kind\": "
					+ "the first line must be the template's header (kind,event_id,project_code,…), or the first row of"
					+ " data is taken for it and lost. " + MUST_BE_FIXED);
		}
		Set<String> names = new HashSet<>();
		for (int column = 0; column < this.header.size(); column++) {
			String name = this.header.get(column);
			if (!name.isEmpty() && !names.add(name)) {
				throw new IllegalStateException("Line " + first.line() + ", the header: column \"" + name
						+ "\" is named twice (cell " + (this.header.indexOf(name) + 1) + " and cell " + (column + 1)
						+ "), and only one of them could be read. " + MUST_BE_FIXED);
			}
		}
		try {
			// a cell of the header left empty (a trailing comma, an unnamed notes column)
			// names a column the template does not read
			this.rows = FORMAT.builder()
				.setHeader(this.header.toArray(String[]::new))
				.setAllowMissingColumnNames(true)
				.get();
			parse(this.rows, "");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"Line " + first.line() + ", the header: " + ex.getMessage() + ". " + MUST_BE_FIXED, ex);
		}
	}

	/**
	 * Opens a file and reads its header.
	 * @param file a UTF-8 file, with or without a byte order mark
	 * @return the file, at its first row
	 * @throws IOException if the file cannot be read
	 * @throws IllegalStateException if the header cannot be read
	 */
	static CsvFile open(Path file) throws IOException {
		return new CsvFile(Utf8Text.open(file));
	}

	/**
	 * Reads a whole file to find the errors no row can be refused for alone.
	 * @param file the file
	 * @throws IOException if the file cannot be read
	 * @throws IllegalStateException naming the line that must be fixed
	 */
	static void check(Path file) throws IOException {
		try (CsvFile csv = open(file)) {
			while (csv.nextRecord() != null) {
				// an unclosed quote is found at the end
			}
		}
	}

	/**
	 * The next row.
	 * @return the row, or {@code null} after the last
	 * @throws IOException if the file cannot be read
	 * @throws IllegalStateException if a quote opened is never closed
	 */
	Row next() throws IOException {
		Chunk chunk = nextRecord();
		if (chunk == null) {
			return null;
		}
		if (chunk.textAfterQuote() >= 0) {
			return new Row(chunk.line(), chunk.text(), null,
					column(chunk.textAfterQuote()) + ": text follows the closing quote of a quoted cell (a quote"
							+ " inside a cell is written twice, and the whole cell quoted: \"a \"\"b\"\" c\")");
		}
		try {
			CSVRecord record = parse(this.rows, chunk.text());
			if (record != null && record.size() < this.namedColumns) {
				return new Row(chunk.line(), chunk.text(), null, "the row has " + record.size()
						+ " cells and the header names " + this.namedColumns
						+ " columns: most likely a line break in a cell that"
						+ " is not quoted ended it early, and the next line holds the rest (a cell with a line break"
						+ " is quoted whole: \"Thiếu vốn⏎chờ đối tác\"); a row has a cell, empty or not, for each"
						+ " column the header names, up to its last");
			}
			if (record != null && record.size() > this.header.size()) {
				// a spreadsheet writes every row as wide as its header: a wider row was
				// split by
				// an unquoted comma, even when what the comma moved is empty (40,5 before
				// empty
				// cells would read 40 ha and 5 employees)
				return new Row(chunk.line(), chunk.text(), null,
						"the row has " + record.size() + " cells and the header " + this.header.size()
								+ ": most likely a comma in a cell that is not quoted split it (a cell with"
								+ " a comma is quoted whole: \"Thiếu vốn, chờ đối tác\"; a number has no decimal comma:"
								+ " 40.5)");
			}
			return new Row(chunk.line(), chunk.text(), record, null);
		}
		catch (UncheckedIOException ex) {
			return new Row(chunk.line(), chunk.text(), null, "not a CSV row: " + ex.getCause().getMessage());
		}
	}

	private Chunk nextRecord() throws IOException {
		Chunk chunk = nextChunk();
		if (chunk != null && chunk.unclosedQuote() != null) {
			throw unclosed(chunk.unclosedQuote(), column(chunk.unclosedQuote().cell()));
		}
		return chunk;
	}

	private static IllegalStateException unclosed(Quote quote, String cell) {
		return new IllegalStateException("Line " + quote.line() + ": the quote that opens " + cell
				+ " is never closed, so the rest of the file would be one cell (a quote inside a cell is written"
				+ " twice). " + MUST_BE_FIXED);
	}

	private String column(int index) {
		return (index < this.header.size() && !this.header.get(index).isEmpty()) ? this.header.get(index)
				: "column " + (index + 1);
	}

	private static CSVRecord parse(CSVFormat format, String record) {
		try (CSVParser parser = format.parse(new StringReader(record))) {
			Iterator<CSVRecord> records = parser.iterator();
			return records.hasNext() ? records.next() : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Cuts the next record out of the text, following the quotes as the RFC 4180 format
	 * of Commons CSV does: a quote opens a quoted cell only as the cell's first
	 * character; in a quoted cell two quotes are one, and one closes it; after the
	 * closing quote only spaces may come before the comma or the line's end.
	 */
	private Chunk nextChunk() throws IOException {
		this.text.setLength(0);
		long first = this.line;
		State state = State.CELL_START;
		int cell = 0;
		int textAfterQuote = -1;
		long quoteLine = 0;
		int quoteCell = 0;
		for (int c = read(); c >= 0; c = read()) {
			if (c == '\n' && this.afterCarriageReturn) {
				// the second half of a \r\n, counted with its \r
				this.afterCarriageReturn = false;
				if (state == State.QUOTED) {
					this.text.append('\n');
				}
				continue;
			}
			this.afterCarriageReturn = (c == '\r');
			if (c == '\n' || c == '\r') {
				this.line++;
				if (state == State.QUOTED) {
					this.text.append((char) c);
					continue;
				}
				if (this.text.isEmpty()) {
					first = this.line;
					continue;
				}
				return new Chunk(first, this.text.toString(), textAfterQuote, null);
			}
			this.text.append((char) c);
			if (this.text.length() > MAX_ROW_CHARS) {
				throw new IllegalStateException("Line " + first + ": a row of more than " + MAX_ROW_CHARS
						+ " characters"
						+ ((state == State.QUOTED) ? ", in a cell whose quote opened on line " + quoteLine
								+ " is not closed yet (a quote" + " inside a cell is written twice)" : "")
						+ ". " + MUST_BE_FIXED);
			}
			switch (state) {
				case CELL_START -> {
					if (c == '"') {
						state = State.QUOTED;
						quoteLine = this.line;
						quoteCell = cell;
					}
					else if (c == ',') {
						cell++;
					}
					else {
						state = State.UNQUOTED;
					}
				}
				case UNQUOTED, AFTER_CLOSING_QUOTE -> {
					if (c == ',') {
						cell++;
						state = State.CELL_START;
					}
				}
				case QUOTED -> {
					if (c == '"') {
						state = State.QUOTE;
					}
				}
				case QUOTE, CLOSED -> {
					if (c == '"' && state == State.QUOTE) {
						state = State.QUOTED;
					}
					else if (c == ',') {
						cell++;
						state = State.CELL_START;
					}
					else if (Character.isWhitespace(c)) {
						state = State.CLOSED;
					}
					else {
						state = State.AFTER_CLOSING_QUOTE;
						textAfterQuote = (textAfterQuote >= 0) ? textAfterQuote : cell;
					}
				}
			}
		}
		if (state == State.QUOTED) {
			return new Chunk(first, this.text.toString(), textAfterQuote, new Quote(quoteLine, quoteCell));
		}
		return this.text.isEmpty() ? null : new Chunk(first, this.text.toString(), textAfterQuote, null);
	}

	private int read() throws IOException {
		if (this.position == this.limit) {
			this.limit = this.reader.read(this.buffer);
			this.position = 0;
			if (this.limit < 0) {
				this.limit = 0;
				return -1;
			}
		}
		return this.buffer[this.position++];
	}

	@Override
	public void close() throws IOException {
		this.reader.close();
	}

	/**
	 * A row of the file.
	 *
	 * @param line the line it starts on (the header is line 1)
	 * @param text the row as written
	 * @param record its cells by column, or {@code null} if it cannot be read
	 * @param fault why it cannot be read, or {@code null}
	 */
	record Row(long line, String text, CSVRecord record, String fault) {
	}

	/**
	 * A record's text, with the first cell that has text after its closing quote (or -1),
	 * and the quote that is never closed if the record runs to the end of the file in a
	 * quoted cell.
	 */
	private record Chunk(long line, String text, int textAfterQuote, Quote unclosedQuote) {
	}

	/** A quote that opens a cell: its line and the cell's index. */
	private record Quote(long line, int cell) {
	}

	/** Where the cutting is in a record. */
	private enum State {

		CELL_START, UNQUOTED, QUOTED, QUOTE, CLOSED, AFTER_CLOSING_QUOTE

	}

}
