package vn.investledger.console.system;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An export's workbook holds what its CSV holds, cell for cell: texts (codes with leading
 * zeros, Vietnamese, formula openings) as string cells, numbers as number cells where a
 * spreadsheet keeps them exactly and as their exact decimal text where it would not, no
 * row lost past a sheet's last row.
 */
class SpreadsheetExportTests {

	private static final String[] HEADER = { "code", "name", "amount", "count" };

	@Property(tries = 200)
	void shouldWriteTheCsvsCellsInTheWorkbook(@ForAll("rows") @Size(max = 30) List<List<Object>> rows)
			throws IOException {
		List<CSVRecord> csv = csv(rows);
		List<List<Cell>> workbook = new ArrayList<>();
		try (Workbook book = xlsx(rows, SpreadsheetExport.MAX_SHEET_ROWS)) {
			assertThat(book.getNumberOfSheets()).isEqualTo(1);
			Sheet sheet = book.getSheetAt(0);
			assertThat(sheet.getSheetName()).isEqualTo("Dự án");
			assertHeader(sheet.getRow(0));
			for (int at = 1; at <= rows.size(); at++) {
				workbook.add(cells(sheet.getRow(at)));
			}
			assertThat(sheet.getLastRowNum()).isEqualTo(rows.size());

			assertThat(csv).hasSize(rows.size());
			for (int row = 0; row < rows.size(); row++) {
				for (int column = 0; column < HEADER.length; column++) {
					String written = csv.get(row).get(column);
					Cell cell = workbook.get(row).get(column);
					Object value = rows.get(row).get(column);
					if (value == null) {
						assertThat(written).isEmpty();
						assertThat(cell).isNull();
					}
					else if (value instanceof Number && WorkbookCells.keepsExactly(new BigDecimal(written))) {
						assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
						assertThat(new BigDecimal(Double.toString(cell.getNumericCellValue())))
							.isEqualByComparingTo(new BigDecimal(written));
					}
					else {
						// a text, or a number with more digits than a spreadsheet keeps;
						// a
						// text the CSV neutralised is whole, with Excel's text prefix,
						// and so
						// is such a number (editing it would round it back into a number)
						String original = SpreadsheetCells.original(written);
						assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
						assertThat(cell.getStringCellValue()).isEqualTo(original);
						assertThat(cell.getCellStyle().getQuotePrefixed())
							.isEqualTo(value instanceof Number || !original.equals(written));
						if (!(value instanceof Number)) {
							assertThat(SpreadsheetCells.text(original)).isEqualTo(written);
						}
					}
				}
			}
		}
	}

	@Property(tries = 50)
	void shouldGoOnInANewSheetWithTheHeaderPastASheetsLastRow(@ForAll @IntRange(min = 2, max = 6) int maxRows,
			@ForAll @IntRange(max = 40) int count) throws IOException {
		List<List<Object>> rows = new ArrayList<>();
		for (long i = 0; i < count; i++) {
			rows.add(SpreadsheetCells.record("0" + i, "Dự án số " + i, BigDecimal.valueOf(i, 2), i));
		}
		try (Workbook book = xlsx(rows, maxRows)) {
			int perSheet = maxRows - 1;
			int sheets = Math.max(1, (count + perSheet - 1) / perSheet);
			assertThat(book.getNumberOfSheets()).isEqualTo(sheets);
			long next = 0;
			for (int s = 0; s < sheets; s++) {
				Sheet sheet = book.getSheetAt(s);
				assertThat(sheet.getSheetName()).isEqualTo((s == 0) ? "Dự án" : "Dự án (" + (s + 1) + ")");
				assertHeader(sheet.getRow(0));
				assertThat(sheet.getLastRowNum()).isLessThan(maxRows);
				for (int at = 1; at <= sheet.getLastRowNum(); at++) {
					assertThat(sheet.getRow(at).getCell(0).getStringCellValue()).isEqualTo("0" + next);
					assertThat(sheet.getRow(at).getCell(3).getNumericCellValue()).isEqualTo(next);
					next++;
				}
			}
			assertThat(next).isEqualTo(count);
		}
	}

	@Property(tries = 20)
	void shouldSendNoWorkbookWhenItsRowsFailAndTheCsvsRowsSoFar(@ForAll @IntRange(max = 300) int before)
			throws IOException {
		List<List<Object>> page = new ArrayList<>();
		for (long i = 0; i < before; i++) {
			page.add(SpreadsheetCells.record("0" + i, "Dự án " + i, BigDecimal.ONE, i));
		}
		SpreadsheetExport.Rows failing = (export) -> {
			export.page(page, (row) -> row);
			throw new IllegalStateException("Elasticsearch went away");
		};
		ByteArrayOutputStream workbook = new ByteArrayOutputStream();
		ByteArrayOutputStream csv = new ByteArrayOutputStream();

		assertThatIllegalStateException()
			.isThrownBy(() -> SpreadsheetExport.body(SpreadsheetExport.Format.XLSX, "Dự án", HEADER, failing)
				.writeTo(workbook));
		assertThatIllegalStateException().isThrownBy(
				() -> SpreadsheetExport.body(SpreadsheetExport.Format.CSV, "Dự án", HEADER, failing).writeTo(csv));

		// a workbook is all or nothing: none, so that the answer is an error; a CSV has
		// sent the pages before the failure
		assertThat(workbook.size()).isZero();
		assertThat(csv.toString(StandardCharsets.UTF_8).split("\r\n")).hasSize(before + 1);
	}

	@Provide
	Arbitrary<List<List<Object>>> rows() {
		Arbitrary<Object> text = Arbitraries.oneOf(
				Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(18).map(Object.class::cast),
				Arbitraries.strings()
					.withChars("=+-@'\"\t\r\n;, ĐđƯưẠạỹAaZz0")
					.ofMaxLength(30)
					.map(SpreadsheetCells::text)
					.map(Object.class::cast),
				Arbitraries.strings()
					.withCharRange('\u0020', '\uD7FF')
					.ofMaxLength(20)
					.map(SpreadsheetCells::text)
					.map(Object.class::cast));
		Arbitrary<Object> amount = Combinators
			.combine(Arbitraries.bigIntegers().between(BigInteger.TEN.pow(20).negate(), BigInteger.TEN.pow(20)),
					Arbitraries.of(0, 2))
			.as((unscaled, scale) -> (Object) new BigDecimal(unscaled, scale));
		Arbitrary<Object> count = Arbitraries.longs().map(Object.class::cast);
		Arbitrary<List<Object>> row = Combinators
			.combine(text.injectNull(0.1), text.injectNull(0.1), amount.injectNull(0.2), count.injectNull(0.1))
			.as((a, b, c, d) -> {
				List<Object> values = new ArrayList<>();
				values.add(a);
				values.add(b);
				values.add(c);
				values.add(d);
				return values;
			});
		return row.list();
	}

	private static void assertHeader(Row header) {
		for (int column = 0; column < HEADER.length; column++) {
			assertThat(header.getCell(column).getStringCellValue()).isEqualTo(HEADER[column]);
		}
	}

	private static List<Cell> cells(Row row) {
		List<Cell> cells = new ArrayList<>();
		for (int column = 0; column < HEADER.length; column++) {
			cells.add(row.getCell(column));
		}
		return cells;
	}

	private static List<CSVRecord> csv(List<List<Object>> rows) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (SpreadsheetExport export = SpreadsheetExport.open(SpreadsheetExport.Format.CSV, out, "Dự án", HEADER)) {
			export.page(rows, (row) -> row);
		}
		String text = out.toString(StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF");
		return CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(text.substring(1)))
			.getRecords();
	}

	private static Workbook xlsx(List<List<Object>> rows, int maxRows) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (SpreadsheetExport export = new SpreadsheetExport.Xlsx(out, "Dự án", HEADER, maxRows)) {
			export.page(rows, (row) -> row);
		}
		return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
	}

}
