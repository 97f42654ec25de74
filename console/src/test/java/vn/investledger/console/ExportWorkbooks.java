package vn.investledger.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.investledger.console.system.SpreadsheetCells;
import vn.investledger.console.system.SpreadsheetExport;
import vn.investledger.console.system.WorkbookCells;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export's workbook against its CSV: the same header, rows and values, a text as a
 * string cell, a number as a number cell where a spreadsheet keeps it exactly.
 */
public final class ExportWorkbooks {

	/** The number columns of the project exports. */
	public static final Set<String> PROJECT_NUMBERS = Set.of("registeredCapital", "contributedCapital",
			"realisedCapital", "revision");

	/** The number columns of the export of the events behind a figure. */
	public static final Set<String> EVENT_NUMBERS = Set.of("revision", "newProjects", "newCapital", "adjustments",
			"adjustedCapital", "contributions", "contributionCapital", "realisedCapital", "registeredCapital",
			"usdRegisteredCapital", "usdRealisedCapital");

	private ExportWorkbooks() {
	}

	/**
	 * Asserts that a workbook export holds its CSV's rows, in order.
	 * @param xlsx the answer with {@code format=xlsx}
	 * @param csv the answer to the same request as CSV
	 * @param numbers the columns of numbers: each written as a number cell where a
	 * spreadsheet keeps it exactly
	 * @return the workbook's first sheet's rows after the header, as read
	 * @throws IOException if the workbook cannot be read
	 */
	public static int assertHoldsTheCsv(HttpResponse<byte[]> xlsx, HttpResponse<String> csv, Set<String> numbers)
			throws IOException {
		assertThat(xlsx.statusCode()).as("the workbook's answer").isEqualTo(200);
		assertThat(csv.statusCode()).as("the CSV's answer").isEqualTo(200);
		assertThat(xlsx.headers().firstValue("Content-Type"))
			.hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		assertThat(xlsx.headers().firstValue("Content-Disposition"))
			.hasValue(csv.headers().firstValue("Content-Disposition").orElseThrow().replace(".csv\"", ".xlsx\""));
		List<CSVRecord> lines = CSVFormat.RFC4180
			.parse(new StringReader(ConsoleFixture.withoutByteOrderMark(csv.body())))
			.getRecords();
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getLastRowNum() + 1).as("rows, the header's included").isEqualTo(lines.size());
			for (int at = 0; at < lines.size(); at++) {
				CSVRecord line = lines.get(at);
				Row row = sheet.getRow(at);
				for (int column = 0; column < line.size(); column++) {
					boolean number = at > 0 && numbers.contains(lines.get(0).get(column));
					assertCell(row.getCell(column), line.get(column), number, at, column);
				}
			}
			return lines.size() - 1;
		}
	}

	private static void assertCell(Cell cell, String written, boolean number, int row, int column) {
		String where = "row " + row + ", column " + column;
		if (number && !written.isEmpty() && WorkbookCells.keepsExactly(new BigDecimal(written))) {
			assertThat(cell.getCellType()).as(where).isEqualTo(CellType.NUMERIC);
		}
		if (written.isEmpty()) {
			assertThat(cell == null || cell.getCellType() == CellType.BLANK
					|| (cell.getCellType() == CellType.STRING && cell.getStringCellValue().isEmpty()))
				.as(where)
				.isTrue();
		}
		else if (cell.getCellType() == CellType.NUMERIC) {
			assertThat(new BigDecimal(Double.toString(cell.getNumericCellValue()))).as(where)
				.isEqualByComparingTo(new BigDecimal(written));
		}
		else {
			// a text the CSV neutralised is whole in the workbook, with Excel's text
			// prefix
			String original = SpreadsheetCells.original(written);
			assertThat(cell.getCellType()).as(where).isEqualTo(CellType.STRING);
			assertThat(cell.getStringCellValue()).as(where).isEqualTo(original);
			// a number with more digits than a spreadsheet keeps has the prefix too
			assertThat(cell.getCellStyle().getQuotePrefixed()).as(where).isEqualTo(number || !original.equals(written));
		}
	}

}
