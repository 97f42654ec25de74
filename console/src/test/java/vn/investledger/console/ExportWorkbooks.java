package vn.investledger.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export's workbook against its CSV: the same header, rows and values, a text as a
 * string cell, a number as a number cell where a spreadsheet keeps it exactly.
 */
public final class ExportWorkbooks {

	private ExportWorkbooks() {
	}

	/**
	 * Asserts that a workbook export holds its CSV's rows, in order.
	 * @param xlsx the answer with {@code format=xlsx}
	 * @param csv the answer to the same request as CSV
	 * @return the workbook's first sheet's rows after the header, as read
	 * @throws IOException if the workbook cannot be read
	 */
	public static int assertHoldsTheCsv(HttpResponse<byte[]> xlsx, HttpResponse<String> csv) throws IOException {
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
					assertCell(row.getCell(column), line.get(column), at, column);
				}
			}
			return lines.size() - 1;
		}
	}

	private static void assertCell(Cell cell, String written, int row, int column) {
		String where = "row " + row + ", column " + column;
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
			assertThat(cell.getCellType()).as(where).isEqualTo(CellType.STRING);
			assertThat(cell.getStringCellValue()).as(where).isEqualTo(written);
		}
	}

}
