package vn.investledger.console.system;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The file of an export (projects, the events or projects behind a figure): the same
 * columns and rows as CSV or as an Excel workbook. The workbook exists because Excel
 * opens a CSV by guessing each column's type: a code such as {@code 01} (Hà Nội) becomes
 * the number 1, and a long amount loses its last digits. In the workbook a text is a
 * string cell, whatever it looks like, and an amount a number cell where a spreadsheet
 * keeps it exact ({@link WorkbookCells#NUMBER_DIGITS} significant digits); an amount with
 * more digits is written as the exact decimal in a string cell rather than rounded. No
 * cell is a formula in either file ({@link SpreadsheetCells}): the CSV puts a quote in
 * front of a text that would run as one, the workbook keeps the text as it is in a string
 * cell with Excel's text prefix (a cell style, not a character).
 * <p>
 * A workbook streams its rows to a compressed temporary file, {@value #WINDOW_ROWS} rows
 * in memory at a time, and is written to the answer when its last row is; past Excel's
 * {@value #MAX_SHEET_ROWS} rows a sheet, the rows go on in a new sheet with the header
 * again. A CSV is written as its rows come. A cell holds at most 32,767 characters; the
 * longest text an export writes is a project's investors, at most 50 names of 300 code
 * points and their separators (30,098 UTF-16 characters were every one outside the Basic
 * Multilingual Plane), so every text fits whole.
 */
public abstract sealed class SpreadsheetExport implements Closeable {

	/** The type of an Excel workbook. */
	public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	/** The formats an export may ask for, for the request parameter's check. */
	public static final String FORMATS = "csv|xlsx";

	/** The message of a format that is neither. */
	public static final String FORMATS_MESSAGE = "a format is csv or xlsx";

	/** Excel's rows in a sheet, the header's included. */
	public static final int MAX_SHEET_ROWS = 1_048_576;

	/** The rows a workbook keeps in memory while it is written. */
	static final int WINDOW_ROWS = 100;

	/**
	 * An export's format.
	 */
	public enum Format {

		/** RFC 4180, UTF-8 with a byte order mark. */
		CSV("csv", new MediaType("text", "csv", StandardCharsets.UTF_8)),

		/** An Excel workbook (Office Open XML). */
		XLSX("xlsx", MediaType.parseMediaType(XLSX_TYPE));

		private final String extension;

		private final MediaType mediaType;

		Format(String extension, MediaType mediaType) {
			this.extension = extension;
			this.mediaType = mediaType;
		}

		/**
		 * The format a request names.
		 * @param name {@code csv} or {@code xlsx}, as {@link #FORMATS} checks
		 * @return the format
		 */
		public static Format of(String name) {
			return Format.valueOf(name.toUpperCase(java.util.Locale.ROOT));
		}

		/**
		 * A file name with this format's extension.
		 * @param base the name without its extension
		 * @return the file name
		 */
		public String fileName(String base) {
			return base + "." + this.extension;
		}

		/**
		 * The answer's content type.
		 * @return the type
		 */
		public MediaType mediaType() {
			return this.mediaType;
		}

	}

	/**
	 * What writes an export's rows.
	 */
	@FunctionalInterface
	public interface Rows {

		/**
		 * Writes every row.
		 * @param export where to write them
		 * @throws IOException if they cannot be written
		 */
		void writeTo(SpreadsheetExport export) throws IOException;

	}

	/**
	 * The body of an export's answer.
	 * @param format the format
	 * @param sheet the name of the workbook's sheet
	 * @param header the column names
	 * @param rows what writes the rows
	 * @return the body
	 */
	public static StreamingResponseBody body(Format format, String sheet, String[] header, Rows rows) {
		return (out) -> {
			SpreadsheetExport export = open(format, out, sheet, header);
			try {
				rows.writeTo(export);
			}
			catch (IOException | RuntimeException | Error ex) {
				// a workbook not sent yet is dropped, so that the answer is an error
				// rather than a file that looks whole
				export.abandon();
				throw ex;
			}
			export.close();
		};
	}

	/**
	 * Starts an export.
	 * @param format the format
	 * @param out where to write it
	 * @param sheet the name of the workbook's sheet
	 * @param header the column names
	 * @return the export, to close once every row is written
	 * @throws IOException if it cannot be written
	 */
	public static SpreadsheetExport open(Format format, OutputStream out, String sheet, String... header)
			throws IOException {
		return (format == Format.CSV) ? new Csv(out, header) : new Xlsx(out, sheet, header, MAX_SHEET_ROWS);
	}

	/**
	 * Writes a row.
	 * @param values the values in column order, as {@link SpreadsheetCells#record} gives
	 * them: {@code null} for an empty cell, a {@link Number} for a number, anything else
	 * as its text
	 * @throws IOException if it cannot be written
	 */
	public abstract void row(List<Object> values) throws IOException;

	/**
	 * Writes a page of rows and sends on what is written (a CSV's rows; a workbook is
	 * sent at its end).
	 * @param page the page
	 * @param row a row's values
	 * @param <T> what a row is made of
	 */
	public <T> void page(Iterable<T> page, Function<T, List<Object>> row) {
		try {
			for (T item : page) {
				row(row.apply(item));
			}
			flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	abstract void flush() throws IOException;

	/**
	 * Ends the export after a failure, sending nothing more: a workbook, which is sent at
	 * its end, is not sent at all.
	 * @throws IOException if what it holds cannot be let go
	 */
	abstract void abandon() throws IOException;

	static final class Csv extends SpreadsheetExport {

		private final CSVPrinter csv;

		Csv(OutputStream out, String[] header) throws IOException {
			Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			// Excel reads a CSV without a byte order mark in the computer's legacy code
			// page and garbles every Vietnamese name
			writer.write('\uFEFF');
			this.csv = new CSVPrinter(writer, SpreadsheetCells.csv(header));
		}

		@Override
		public void row(List<Object> values) throws IOException {
			this.csv.printRecord(values);
		}

		@Override
		void flush() throws IOException {
			this.csv.flush();
		}

		@Override
		public void close() throws IOException {
			this.csv.close();
		}

		@Override
		void abandon() {
			// what was written is sent already; the answer ends cut short
		}

	}

	static final class Xlsx extends SpreadsheetExport {

		private final OutputStream out;

		private final SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW_ROWS);

		private final String sheetName;

		private final String[] header;

		private final int maxRows;

		private final CellStyle bold;

		private final WorkbookCells cells;

		private Sheet sheet;

		private int sheets;

		private int at;

		Xlsx(OutputStream out, String sheetName, String[] header, int maxRows) {
			this.out = out;
			this.sheetName = sheetName;
			this.header = header.clone();
			this.maxRows = maxRows;
			this.workbook.setCompressTempFiles(true);
			Font font = this.workbook.createFont();
			font.setBold(true);
			this.bold = this.workbook.createCellStyle();
			this.bold.setFont(font);
			this.cells = new WorkbookCells(this.workbook);
			nextSheet();
		}

		private void nextSheet() {
			this.sheets++;
			this.sheet = this.workbook
				.createSheet((this.sheets == 1) ? this.sheetName : this.sheetName + " (" + this.sheets + ")");
			this.sheet.createFreezePane(0, 1);
			Row names = this.sheet.createRow(0);
			for (int column = 0; column < this.header.length; column++) {
				Cell cell = names.createCell(column);
				cell.setCellValue(this.header[column]);
				cell.setCellStyle(this.bold);
				this.sheet.setColumnWidth(column, 18 * 256);
			}
			this.at = 1;
		}

		@Override
		public void row(List<Object> values) {
			if (this.at == this.maxRows) {
				nextSheet();
			}
			Row line = this.sheet.createRow(this.at++);
			for (int column = 0; column < values.size(); column++) {
				Object value = values.get(column);
				if (value instanceof Number number) {
					this.cells.number(line, column, new BigDecimal(number.toString()), null);
				}
				else if (value != null) {
					// the texts come neutralised from SpreadsheetCells.record, as the
					// CSV's; a string cell needs no quote in front, and gets Excel's text
					// prefix instead
					this.cells.text(line, column, SpreadsheetCells.original(value.toString()));
				}
			}
		}

		@Override
		void flush() {
			// the workbook is sent whole, at its end
		}

		@Override
		public void close() throws IOException {
			try {
				this.workbook.write(this.out);
				this.out.flush();
			}
			finally {
				this.workbook.close();
			}
		}

		@Override
		void abandon() {
			// the temporary files deleted, the workbook never written
			this.workbook.dispose();
		}

	}

}
