package vn.investledger.console.release;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.investledger.console.release.Release.Amount;
import vn.investledger.console.release.Release.Count;
import vn.investledger.console.release.Release.Paragraph;
import vn.investledger.console.release.Release.RankedLine;
import vn.investledger.console.release.Release.Ranking;
import vn.investledger.console.release.Release.Share;
import vn.investledger.console.release.Release.Shown;
import vn.investledger.console.release.Release.YearOnYear;
import vn.investledger.console.system.SpreadsheetCells;
import vn.investledger.console.system.WorkbookCells;

/**
 * A release as files. The CSV holds every number of the tables, one per line, exact (an
 * amount in major units as a plain decimal, a count as an integer, a percentage as the
 * rounded figure the text states) beside how the text writes it; the workbook holds the
 * text in both languages and one sheet per table. As in the monthly report, no text runs
 * as a formula ({@link SpreadsheetCells}) and the workbook has no formula at all.
 */
final class ReleaseFiles {

	/** The CSV's columns. */
	static final List<String> CSV_COLUMNS = List.of("month", "type", "cut_off", "table", "row", "code", "name",
			"measure", "value", "currency", "vi", "en");

	private ReleaseFiles() {
	}

	/**
	 * Every number of the tables, one per line.
	 * @param release the release
	 * @return the lines, in the order of the tables
	 */
	static List<Line> lines(Release release) {
		List<Line> lines = new ArrayList<>();
		for (YearOnYear row : release.tables().yearOnYear()) {
			lines.add(shown("yearOnYear", row.figure(), null, row.vi(), "current", row.current()));
			lines.add(shown("yearOnYear", row.figure(), null, row.vi(), "previous", row.previous()));
			if (row.change().percent() != null) {
				lines.add(new Line("yearOnYear", row.figure(), null, row.vi(), "change.percent", row.change().percent(),
						null, row.change().vi(), row.change().en()));
			}
			if (row.change().times() != null) {
				lines.add(new Line("yearOnYear", row.figure(), null, row.vi(), "change.times", row.change().times(),
						null, row.change().vi(), row.change().en()));
			}
			if (row.change().percent() == null) {
				lines.add(new Line("yearOnYear", row.figure(), null, row.vi(), "change", null, null, row.change().vi(),
						row.change().en()));
			}
		}
		Release.Contributions split = release.tables().contributions();
		lines.add(shown("contributions", "all", null, "Góp vốn, mua cổ phần", "transactions", split.transactions()));
		lines.add(shown("contributions", "all", null, "Góp vốn, mua cổ phần", "value", split.value()));
		lines.add(shown("contributions", "raising", null, "Làm tăng vốn điều lệ", "transactions", split.raising()));
		lines.add(shown("contributions", "raising", null, "Làm tăng vốn điều lệ", "value", split.raisingValue()));
		lines.add(shown("contributions", "other", null, "Không làm tăng vốn điều lệ", "transactions", split.other()));
		lines.add(shown("contributions", "other", null, "Không làm tăng vốn điều lệ", "value", split.otherValue()));
		ranking(lines, "countries", release.tables().countries());
		ranking(lines, "provinces", release.tables().provinces());
		ranking(lines, "sectors", release.tables().sectors());
		Release.StockTable stock = release.tables().stock();
		String at = "Lũy kế đến " + stock.at();
		lines.add(shown("stock", "valid", null, at, "projects", stock.validProjects()));
		lines.add(shown("stock", "suspended", null, at, "projects", stock.suspendedProjects()));
		lines.add(shown("stock", "valid", null, at, "registeredCapital", stock.registeredCapital()));
		lines.add(shown("stock", "valid", null, at, "realisedCapital", stock.realisedCapital()));
		share(lines, "stock", "valid", null, at, "realisedShare", stock.realisedShare());
		return lines;
	}

	private static void ranking(List<Line> lines, String table, Ranking ranking) {
		lines.add(shown(table, "all", null, null, "lines", ranking.lines()));
		lines.add(shown(table, "all", null, null, "newCapital", ranking.newCapital()));
		for (RankedLine line : ranking.rows()) {
			String row = Integer.toString(line.rank());
			lines.add(shown(table, row, line.code(), line.vi(), "newProjects", line.newProjects()));
			lines.add(shown(table, row, line.code(), line.vi(), "newCapital", line.newCapital()));
			share(lines, table, row, line.code(), line.vi(), "share", line.share());
		}
		if (ranking.others() != null) {
			lines.add(shown(table, "others", null, null, "lines", ranking.others().lines()));
			lines.add(shown(table, "others", null, null, "newCapital", ranking.others().newCapital()));
			share(lines, table, "others", null, null, "share", ranking.others().share());
		}
	}

	private static void share(List<Line> lines, String table, String row, String code, String name, String measure,
			Share share) {
		if (share != null) {
			lines.add(new Line(table, row, code, name, measure, share.percent(), null, share.vi(), share.en()));
		}
	}

	private static Line shown(String table, String row, String code, String name, String measure, Shown shown) {
		return switch (shown) {
			case Count count -> new Line(table, row, code, name, measure, BigDecimal.valueOf(count.value()), null,
					count.vi(), count.en());
			case Amount amount -> new Line(table, row, code, name, measure,
					BigDecimal.valueOf(amount.minorUnits(), amount.currency().minorUnitDigits()),
					amount.currency().name(), amount.vi(), amount.en());
		};
	}

	static void csv(Release release, OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		CSVPrinter csv = new CSVPrinter(writer, SpreadsheetCells.csv(CSV_COLUMNS.toArray(String[]::new)));
		Release.Header header = release.header();
		// each row names its release, so that a row copied out of the file still says
		// which month, type and cut-off it counts to
		for (Line line : lines(release)) {
			csv.printRecord(SpreadsheetCells.record(header.month(), header.type().name(), header.cutOff().toString(),
					line.table(), line.row(), line.code(), line.name(), line.measure(), line.value(), line.currency(),
					line.vi(), line.en()));
		}
		csv.flush();
	}

	static void xlsx(Release release, OutputStream out) throws IOException {
		try (Workbook workbook = new XSSFWorkbook()) {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			WorkbookCells cells = new WorkbookCells(workbook);
			Release.Header header = release.header();
			Sheet text = workbook.createSheet("Văn bản");
			text.setColumnWidth(1, 120 * 256);
			int at = 0;
			cells.text(text.createRow(at++), 0, "Thông cáo " + header.type() + " tháng " + header.month()
					+ ", tính đến ngày " + DisplayRule.date(header.cutOff(), DisplayRule.Language.VI), bold);
			cells.text(text.createRow(at++), 0, (header.asOf() != null) ? "Số liệu như đã biết lúc " + header.asOf()
					: "Số liệu hiện nay (mọi sự kiện đã lập chỉ mục)");
			at++;
			for (Paragraph paragraph : release.text()) {
				Row row = text.createRow(at++);
				cells.text(row, 0, paragraph.key());
				cells.text(row, 1, paragraph.vi());
			}
			at++;
			for (Paragraph paragraph : release.text()) {
				Row row = text.createRow(at++);
				cells.text(row, 0, paragraph.key());
				cells.text(row, 1, paragraph.en());
			}
			Sheet tables = workbook.createSheet("Bảng số liệu");
			Row heading = tables.createRow(0);
			for (int column = 0; column < CSV_COLUMNS.size(); column++) {
				cells.text(heading, column, CSV_COLUMNS.get(column), bold);
			}
			int line = 1;
			for (Line each : lines(release)) {
				Row row = tables.createRow(line++);
				cells.text(row, 0, header.month());
				cells.text(row, 1, header.type().name());
				cells.text(row, 2, header.cutOff().toString());
				cells.text(row, 3, each.table());
				cells.text(row, 4, each.row());
				cells.text(row, 5, each.code());
				cells.text(row, 6, each.name());
				cells.text(row, 7, each.measure());
				if (each.value() != null) {
					// a number where a spreadsheet keeps it exactly, else the exact
					// decimal as text; the text beside it and the CSV are exact
					// regardless
					cells.number(row, 8, each.value(), null);
				}
				cells.text(row, 9, each.currency());
				cells.text(row, 10, each.vi());
				cells.text(row, 11, each.en());
			}
			for (int column : new int[] { 0, 1, 2, 3, 4, 7, 9 }) {
				tables.setColumnWidth(column, 18 * 256);
			}
			tables.setColumnWidth(6, 40 * 256);
			tables.setColumnWidth(8, 22 * 256);
			tables.setColumnWidth(10, 30 * 256);
			tables.setColumnWidth(11, 30 * 256);
			workbook.write(out);
		}
	}

	/**
	 * One number of a release's tables.
	 *
	 * @param table {@code yearOnYear}, {@code contributions}, {@code countries},
	 * {@code provinces}, {@code sectors} or {@code stock}
	 * @param row the figure, rank or part
	 * @param code a ranked line's code
	 * @param name its name, or the row's label, in Vietnamese
	 * @param measure what the number is
	 * @param value the exact number: an amount in major units, a count, or a rounded
	 * percentage or ratio; {@code null} for a change that has none
	 * @param currency an amount's currency
	 * @param vi as the text writes it in Vietnamese
	 * @param en in English
	 */
	record Line(String table, String row, String code, String name, String measure, BigDecimal value, String currency,
			String vi, String en) {

	}

}
