package vn.investledger.console.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.investledger.events.Currency;
import vn.investledger.events.Money;
import vn.investledger.console.system.SpreadsheetCells;
import vn.investledger.console.system.WorkbookCells;

/**
 * Writes a {@link MonthlyReport} as files: a CSV with one line per table row and exact
 * decimal amounts (UTF-8 with a byte order mark, for spreadsheets), for machines; an
 * Excel workbook in the release's layout, for people. In both, no text runs as a formula
 * ({@link SpreadsheetCells}): the workbook holds texts as string cells and amounts as
 * numbers where a spreadsheet keeps them exactly, and writes no formula at all
 * ({@link WorkbookCells}).
 */
final class ReportFiles {

	/** The CSV's columns. */
	static final List<String> CSV_COLUMNS = List.of("type", "table", "code", "name", "newProjects", "newCapital",
			"adjustments", "adjustedCapital", "contributions", "contributionCapital", "registeredCapital",
			"realisedCapital", "currency");

	private static final List<String> HEADINGS = List.of("Mã", "Tên", "Số dự án cấp mới", "Vốn đăng ký cấp mới",
			"Số lượt điều chỉnh vốn", "Vốn đăng ký điều chỉnh", "Số lượt góp vốn, mua cổ phần",
			"Giá trị góp vốn, mua cổ phần", "Tổng vốn đăng ký", "Vốn thực hiện");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
		.withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

	private ReportFiles() {
	}

	/**
	 * Writes the CSV: UTF-8 with a byte order mark, as the project and drill-down
	 * exports, since Excel reads a CSV without one in the computer's legacy code page and
	 * garbles every Vietnamese name.
	 * @param report the report
	 * @param out where to write
	 * @throws IOException if it cannot be written
	 */
	static void csv(MonthlyReport report, OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write('\uFEFF');
		CSVPrinter csv = new CSVPrinter(writer, SpreadsheetCells.csv(CSV_COLUMNS.toArray(String[]::new)));
		for (MonthlyReport.Section section : report.sections()) {
			String type = section.type().name();
			csvRow(csv, type, "national", section.national());
			for (MonthlyReport.Row row : section.byProvince()) {
				csvRow(csv, type, "province", row);
			}
			for (MonthlyReport.Row row : section.byCountry()) {
				csvRow(csv, type, "country", row);
			}
			for (MonthlyReport.Row row : section.bySector()) {
				csvRow(csv, type, "sector", row);
			}
		}
		csv.flush();
	}

	private static void csvRow(CSVPrinter csv, String type, String table, MonthlyReport.Row row) throws IOException {
		csv.printRecord(SpreadsheetCells.record(type, table, row.code(), row.name(), row.newProjects(),
				decimal(row.newCapital()), row.adjustments(), decimal(row.adjustedCapital()), row.contributions(),
				decimal(row.contributionCapital()), decimal(row.registeredCapital()), decimal(row.realisedCapital()),
				row.registeredCapital().currency().name()));
	}

	/**
	 * An amount in major units; its scale is the currency's minor digits (0 or 2), so it
	 * prints as a plain decimal, never in exponent notation.
	 */
	private static BigDecimal decimal(Money money) {
		return money.toMajor();
	}

	static void xlsx(MonthlyReport report, OutputStream out) throws IOException {
		try (Workbook workbook = new XSSFWorkbook()) {
			Styles styles = new Styles(workbook);
			Sheet summary = workbook.createSheet("Tổng hợp");
			int at = title(summary, styles, report, "Tình hình thu hút đầu tư");
			for (MonthlyReport.Section section : report.sections()) {
				at = table(summary, styles, at, section.type().name() + " – cả nước",
						section.national().registeredCapital().currency(), List.of(section.national()));
			}
			for (MonthlyReport.Section section : report.sections()) {
				Currency currency = section.national().registeredCapital().currency();
				String type = section.type().name();
				table(sheet(workbook, styles, report, type + " theo địa phương"), styles, 3,
						type + " theo địa phương" + ("restated".equals(report.provinces())
								? " (đơn vị hành chính hiện nay)" : " (tỉnh khi cấp phép)"),
						currency, section.byProvince());
				table(sheet(workbook, styles, report, type + " theo đối tác"), styles, 3, type + " theo đối tác",
						currency, section.byCountry());
				table(sheet(workbook, styles, report, type + " theo ngành"), styles, 3, type + " theo ngành", currency,
						section.bySector());
			}
			workbook.write(out);
		}
	}

	private static Sheet sheet(Workbook workbook, Styles styles, MonthlyReport report, String name) {
		Sheet sheet = workbook.createSheet(name);
		title(sheet, styles, report, name);
		return sheet;
	}

	private static int title(Sheet sheet, Styles styles, MonthlyReport report, String what) {
		styles.cells.text(sheet.createRow(0), 0,
				what + " từ " + DAY.format(report.from()) + " đến " + DAY.format(report.to()), styles.bold);
		styles.cells.text(sheet.createRow(1), 0,
				"Số liệu đến sự kiện lúc "
						+ ((report.asOf() != null) ? TIME.format(report.asOf()) : "– (chưa có số liệu)")
						+ "; FDI tính bằng USD, DDI bằng đồng");
		sheet.setColumnWidth(1, 40 * 256);
		for (int column = 2; column < HEADINGS.size(); column++) {
			sheet.setColumnWidth(column, 20 * 256);
		}
		return 3;
	}

	private static int table(Sheet sheet, Styles styles, int at, String caption, Currency currency,
			List<MonthlyReport.Row> rows) {
		styles.cells.text(sheet.createRow(at++), 0, caption + " (" + currency.name() + ")", styles.bold);
		Row header = sheet.createRow(at++);
		for (int column = 0; column < HEADINGS.size(); column++) {
			styles.cells.text(header, column, HEADINGS.get(column), styles.bold);
		}
		CellStyle money = (currency == Currency.USD) ? styles.usd : styles.vnd;
		for (MonthlyReport.Row row : rows) {
			Row line = sheet.createRow(at++);
			styles.cells.text(line, 0, row.code());
			styles.cells.text(line, 1, row.name());
			count(line, 2, row.newProjects(), styles);
			styles.cells.number(line, 3, row.newCapital().toMajor(), money);
			count(line, 4, row.adjustments(), styles);
			styles.cells.number(line, 5, row.adjustedCapital().toMajor(), money);
			count(line, 6, row.contributions(), styles);
			styles.cells.number(line, 7, row.contributionCapital().toMajor(), money);
			styles.cells.number(line, 8, row.registeredCapital().toMajor(), money);
			styles.cells.number(line, 9, row.realisedCapital().toMajor(), money);
		}
		return at + 1;
	}

	private static void count(Row line, int column, long value, Styles styles) {
		Cell cell = line.createCell(column);
		cell.setCellValue(value);
		cell.setCellStyle(styles.count);
	}

	private static final class Styles {

		final WorkbookCells cells;

		final CellStyle bold;

		final CellStyle usd;

		final CellStyle vnd;

		final CellStyle count;

		Styles(Workbook workbook) {
			this.cells = new WorkbookCells(workbook);
			Font font = workbook.createFont();
			font.setBold(true);
			this.bold = workbook.createCellStyle();
			this.bold.setFont(font);
			this.usd = numberStyle(workbook, "#,##0.00");
			this.vnd = numberStyle(workbook, "#,##0");
			this.count = numberStyle(workbook, "#,##0");
		}

		private static CellStyle numberStyle(Workbook workbook, String format) {
			CellStyle style = workbook.createCellStyle();
			style.setDataFormat(workbook.createDataFormat().getFormat(format));
			return style;
		}

	}

}
