package vn.investledger.console.release.zone;

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

import vn.investledger.console.release.Release.Amount;
import vn.investledger.console.release.Release.Count;
import vn.investledger.console.release.Release.Paragraph;
import vn.investledger.console.release.Release.Share;
import vn.investledger.console.release.Release.Shown;
import vn.investledger.console.release.zone.ZoneRelease.Hectares;
import vn.investledger.console.release.zone.ZoneRelease.Side;
import vn.investledger.console.release.zone.ZoneRelease.SideBySide;
import vn.investledger.console.release.zone.ZoneRelease.StockLine;
import vn.investledger.console.release.zone.ZoneRelease.Target;
import vn.investledger.console.release.zone.ZoneRelease.ZoneLine;
import vn.investledger.console.release.zone.ZoneRelease.ZoneOccupancy;
import vn.investledger.console.system.SpreadsheetCells;
import vn.investledger.console.system.WorkbookCells;
import vn.investledger.events.Currency;
import vn.investledger.events.Money;

/**
 * Writes a {@link ZoneRelease} as files: a CSV of every figure, one per line with its
 * exact value (amounts as decimals in major units, areas in hectares, shares in percent),
 * for machines; an Excel workbook of its text and tables, for people. No text runs as a
 * formula in either ({@link SpreadsheetCells}).
 */
final class ZoneReleaseFiles {

	/** The CSV's columns. */
	static final List<String> CSV_COLUMNS = List.of("table", "code", "name", "figure", "series", "period", "value",
			"unit", "note");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
		.withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

	private ZoneReleaseFiles() {
	}

	static void csv(ZoneRelease release, OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		CSVPrinter csv = new CSVPrinter(writer, SpreadsheetCells.csv(CSV_COLUMNS.toArray(String[]::new)));
		ZoneRelease.Scope scope = release.header().scope();
		for (SideBySide row : release.tables().yearOnYear()) {
			side(csv, scope, row, "FDI", row.fdi());
			side(csv, scope, row, "DDI", row.ddi());
			if (row.ddiUsd() != null) {
				side(csv, scope, row, "DDI-USD", row.ddiUsd());
			}
			side(csv, scope, row, "FDI+DDI", row.together());
		}
		for (String rate : release.tables().usd().rates()) {
			csv.printRecord(
					SpreadsheetCells.record("usd", scope.code(), scope.name(), "rate", "DDI-USD", "", "", "", rate));
		}
		csv.printRecord(SpreadsheetCells.record("usd", scope.code(), scope.name(), "unconverted.events", "DDI",
				"current", Long.toString(release.tables().usd().unconvertedEvents()), "events", ""));
		csv.printRecord(SpreadsheetCells.record("usd", scope.code(), scope.name(), "unconverted.events", "DDI",
				"previous", Long.toString(release.tables().usd().unconvertedEventsPrevious()), "events", ""));
		ZoneRelease.Progress progress = release.tables().targets();
		String note = progress.status()
				+ ((progress.source() != null) ? ": " + progress.source() + " (from " + progress.setOn() + ")" : "");
		target(csv, progress, "FDI", progress.fdi(), note);
		target(csv, progress, "DDI", progress.ddi(), note);
		target(csv, progress, "FDI+DDI-USD", progress.total(), note);
		for (ZoneOccupancy zone : release.tables().occupancy().zones()) {
			String denominator = (zone.denominator() != null) ? ZoneReleaseWriter.INDUSTRIAL_LAND + ": "
					+ zone.denominator().source() + " (from " + zone.denominator().from() + ")" : "no published area";
			occupancy(csv, zone, "leased", zone.leased().exact(), "ha", "licences of valid projects");
			occupancy(csv, zone, "valid.projects", BigDecimal.valueOf(zone.validProjects()), "projects", "");
			occupancy(csv, zone, "without.land.area", BigDecimal.valueOf(zone.withoutLandArea()), "projects", "");
			occupancy(csv, zone, "industrial.land",
					(zone.denominator() != null) ? zone.denominator().hectares().exact() : null, "ha", denominator);
			occupancy(csv, zone, "total.area", (zone.totalArea() != null) ? zone.totalArea().exact() : null, "ha",
					"zones.csv area_ha, not a denominator");
			occupancy(csv, zone, "occupancy", (zone.rate() != null) ? zone.rate().percent() : null, "%", denominator);
		}
		ZoneRelease.OccupancyTotal total = release.tables().occupancy().total();
		if (total != null) {
			csv.printRecord(SpreadsheetCells.record("occupancy", scope.code(), scope.name(), "occupancy", "", "",
					(total.rate() != null) ? total.rate().percent() : "", "%",
					total.zonesWithArea() + " of " + total.zones() + " zones with a published area"));
		}
		for (ZoneLine zone : release.tables().zones()) {
			zone(csv, zone, "new.projects", "FDI", zone.fdiNewProjects());
			zone(csv, zone, "registered.capital", "FDI", zone.fdiRegistered());
			zone(csv, zone, "new.projects", "DDI", zone.ddiNewProjects());
			zone(csv, zone, "registered.capital", "DDI", zone.ddiRegistered());
			zone(csv, zone, "registered.capital", "DDI-USD", zone.ddiUsd());
			zone(csv, zone, "registered.capital", "FDI+DDI", zone.totalUsd());
			zone(csv, zone, "stock.valid", "FDI+DDI", zone.validProjects());
		}
		for (StockLine stock : release.tables().stock()) {
			String type = stock.type().name();
			csv.printRecord(stockRecord(scope, "stock.valid", type, stock.validProjects()));
			csv.printRecord(stockRecord(scope, "stock.suspended", type, stock.suspendedProjects()));
			csv.printRecord(stockRecord(scope, "stock.registered.capital", type, stock.registeredCapital()));
			csv.printRecord(stockRecord(scope, "stock.realised.capital", type, stock.realisedCapital()));
		}
		csv.flush();
	}

	private static void side(CSVPrinter csv, ZoneRelease.Scope scope, SideBySide row, String series, Side side)
			throws IOException {
		csv.printRecord(SpreadsheetCells.record("yearOnYear", scope.code(), scope.name(), row.figure(), series,
				"current", value(side.current()), unit(side.current()), side.change().kind()));
		csv.printRecord(SpreadsheetCells.record("yearOnYear", scope.code(), scope.name(), row.figure(), series,
				"previous", value(side.previous()), unit(side.previous()), ""));
	}

	private static void target(CSVPrinter csv, ZoneRelease.Progress progress, String series, Target target, String note)
			throws IOException {
		String code = progress.province();
		String year = Integer.toString(progress.year());
		csv.printRecord(SpreadsheetCells.record("target", code, "", "target", series, year,
				(target != null && target.target() != null) ? value(target.target()) : "",
				(target != null && target.target() != null) ? unit(target.target()) : "", note));
		csv.printRecord(SpreadsheetCells.record("target", code, "", "achieved", series, year,
				(target != null) ? value(target.achieved()) : "", (target != null) ? unit(target.achieved()) : "",
				note));
		csv.printRecord(SpreadsheetCells.record("target", code, "", "progress", series, year,
				(target != null && target.progress() != null) ? target.progress().percent() : "", "%", note));
	}

	private static void occupancy(CSVPrinter csv, ZoneOccupancy zone, String figure, BigDecimal value, String unit,
			String note) throws IOException {
		csv.printRecord(SpreadsheetCells.record("occupancy", zone.zone(), zone.name(), figure, zone.type().name(), "",
				(value != null) ? value : "", unit, note));
	}

	private static void zone(CSVPrinter csv, ZoneLine zone, String figure, String series, Shown value)
			throws IOException {
		csv.printRecord(SpreadsheetCells.record("zones", zone.zone(), zone.name(), figure, series, "current",
				value(value), unit(value), ""));
	}

	private static List<Object> stockRecord(ZoneRelease.Scope scope, String figure, String type, Shown value) {
		return SpreadsheetCells.record("stock", scope.code(), scope.name(), figure, type, "cut-off", value(value),
				unit(value), "");
	}

	/**
	 * A count, or an amount in major units (its scale is the currency's minor digits): a
	 * number, so that the CSV writes it unquoted and a negative one ({@code -500000.00},
	 * a capital decrease) is not taken for a formula and written as text.
	 */
	private static Number value(Shown shown) {
		return switch (shown) {
			case Count count -> count.value();
			case Amount amount -> new Money(amount.minorUnits(), amount.currency()).toMajor();
		};
	}

	private static String unit(Shown shown) {
		return switch (shown) {
			case Count count -> "count";
			case Amount amount -> amount.currency().name();
		};
	}

	static void xlsx(ZoneRelease release, OutputStream out) throws IOException {
		try (Workbook workbook = new XSSFWorkbook()) {
			Styles styles = new Styles(workbook);
			text(workbook, styles, release);
			yearOnYear(workbook, styles, release);
			targets(workbook, styles, release);
			occupancy(workbook, styles, release);
			zones(workbook, styles, release);
			stock(workbook, styles, release);
			workbook.write(out);
		}
	}

	private static void text(Workbook workbook, Styles styles, ZoneRelease release) {
		Sheet sheet = workbook.createSheet("Thông cáo");
		int at = title(sheet, styles, release, "Thông cáo của Ban Quản lý các KKT, KCN");
		sheet.setColumnWidth(0, 120 * 256);
		for (Paragraph paragraph : release.text()) {
			styles.cells.text(sheet.createRow(at++), 0, paragraph.vi(), styles.wrap);
		}
		at++;
		styles.cells.text(sheet.createRow(at++), 0, "English", styles.bold);
		for (Paragraph paragraph : release.text()) {
			styles.cells.text(sheet.createRow(at++), 0, paragraph.en(), styles.wrap);
		}
	}

	private static void yearOnYear(Workbook workbook, Styles styles, ZoneRelease release) {
		Sheet sheet = workbook.createSheet("FDI và DDI");
		int at = title(sheet, styles, release, "FDI và DDI");
		at = headings(sheet, styles, at, "Chỉ tiêu", "FDI năm nay", "FDI cùng kỳ", "FDI so với cùng kỳ", "DDI năm nay",
				"DDI cùng kỳ", "DDI so với cùng kỳ", "DDI quy đổi USD năm nay", "DDI quy đổi USD cùng kỳ",
				"Tổng FDI và DDI năm nay", "Tổng cùng kỳ", "Tổng so với cùng kỳ");
		for (SideBySide row : release.tables().yearOnYear()) {
			Row line = sheet.createRow(at++);
			styles.cells.text(line, 0, row.vi());
			number(line, 1, row.fdi().current(), styles);
			number(line, 2, row.fdi().previous(), styles);
			styles.cells.text(line, 3, row.fdi().change().vi());
			number(line, 4, row.ddi().current(), styles);
			number(line, 5, row.ddi().previous(), styles);
			styles.cells.text(line, 6, row.ddi().change().vi());
			if (row.ddiUsd() != null) {
				number(line, 7, row.ddiUsd().current(), styles);
				number(line, 8, row.ddiUsd().previous(), styles);
			}
			number(line, 9, row.together().current(), styles);
			number(line, 10, row.together().previous(), styles);
			styles.cells.text(line, 11, row.together().change().vi());
		}
		at++;
		styles.cells.text(sheet.createRow(at), 0, release.tables().usd().vi(), styles.wrap);
		sheet.setColumnWidth(0, 50 * 256);
	}

	private static void targets(Workbook workbook, Styles styles, ZoneRelease release) {
		Sheet sheet = workbook.createSheet("Kế hoạch năm");
		int at = title(sheet, styles, release, "Tiến độ so với kế hoạch năm");
		ZoneRelease.Progress progress = release.tables().targets();
		styles.cells.text(sheet.createRow(at++), 0, progress.vi(), styles.wrap);
		at++;
		if ("set".equals(progress.status())) {
			at = headings(sheet, styles, at, "Chỉ tiêu", "Kế hoạch", "Đạt", "% kế hoạch năm");
			targetRow(sheet.createRow(at++), "FDI (USD)", progress.fdi(), styles);
			targetRow(sheet.createRow(at++), "DDI (đồng)", progress.ddi(), styles);
			targetRow(sheet.createRow(at), "FDI và DDI quy đổi (USD)", progress.total(), styles);
		}
		sheet.setColumnWidth(0, 60 * 256);
	}

	private static void targetRow(Row line, String what, Target target, Styles styles) {
		styles.cells.text(line, 0, what);
		if (target.target() == null) {
			styles.cells.text(line, 1, "không có kế hoạch");
		}
		else {
			number(line, 1, target.target(), styles);
		}
		number(line, 2, target.achieved(), styles);
		if (target.progress() != null) {
			percent(line, 3, target.progress(), styles);
		}
	}

	private static void occupancy(Workbook workbook, Styles styles, ZoneRelease release) {
		Sheet sheet = workbook.createSheet("Tỷ lệ lấp đầy");
		int at = title(sheet, styles, release, "Tỷ lệ lấp đầy");
		ZoneRelease.Occupancy occupancy = release.tables().occupancy();
		styles.cells.text(sheet.createRow(at++), 0,
				"Tử số: " + occupancy.numeratorVi() + "; mẫu số: " + occupancy.denominatorVi(), styles.wrap);
		at++;
		at = headings(sheet, styles, at, "Mã khu", "Tên khu", "Loại", "Diện tích các dự án còn hiệu lực (ha)",
				"Dự án còn hiệu lực", "Trong đó không ghi diện tích", "Diện tích đất công nghiệp (ha)", "Từ ngày",
				"Nguồn", "Tỷ lệ lấp đầy (%)", "Tổng diện tích khu (ha, không dùng làm mẫu số)");
		for (ZoneOccupancy zone : occupancy.zones()) {
			Row line = sheet.createRow(at++);
			styles.cells.text(line, 0, zone.zone());
			styles.cells.text(line, 1, zone.name());
			styles.cells.text(line, 2, zone.type().name());
			hectares(line, 3, zone.leased(), styles);
			count(line, 4, zone.validProjects(), styles);
			count(line, 5, zone.withoutLandArea(), styles);
			if (zone.denominator() == null) {
				styles.cells.text(line, 6, "chưa có diện tích công bố");
			}
			else {
				hectares(line, 6, zone.denominator().hectares(), styles);
				styles.cells.text(line, 7, DAY.format(zone.denominator().from()));
				styles.cells.text(line, 8, zone.denominator().source());
				percent(line, 9, zone.rate(), styles);
			}
			if (zone.totalArea() != null) {
				hectares(line, 10, zone.totalArea(), styles);
			}
		}
		if (occupancy.total() != null) {
			styles.cells.text(sheet.createRow(at + 1), 0, occupancy.total().vi(), styles.wrap);
		}
		sheet.setColumnWidth(1, 45 * 256);
	}

	private static void zones(Workbook workbook, Styles styles, ZoneRelease release) {
		Sheet sheet = workbook.createSheet("Theo khu");
		int at = title(sheet, styles, release, "Theo khu");
		at = headings(sheet, styles, at, "Mã khu", "Tên khu", "Loại", "Dự án FDI cấp mới", "Tổng vốn đăng ký FDI (USD)",
				"Dự án DDI cấp mới", "Tổng vốn đăng ký DDI (đồng)", "DDI quy đổi (USD)", "FDI và DDI (USD)",
				"Dự án còn hiệu lực");
		for (ZoneLine zone : release.tables().zones()) {
			Row line = sheet.createRow(at++);
			styles.cells.text(line, 0, zone.zone());
			styles.cells.text(line, 1, zone.name());
			styles.cells.text(line, 2, zone.type().name());
			number(line, 3, zone.fdiNewProjects(), styles);
			number(line, 4, zone.fdiRegistered(), styles);
			number(line, 5, zone.ddiNewProjects(), styles);
			number(line, 6, zone.ddiRegistered(), styles);
			number(line, 7, zone.ddiUsd(), styles);
			number(line, 8, zone.totalUsd(), styles);
			number(line, 9, zone.validProjects(), styles);
		}
		sheet.setColumnWidth(1, 45 * 256);
	}

	private static void stock(Workbook workbook, Styles styles, ZoneRelease release) {
		Sheet sheet = workbook.createSheet("Lũy kế");
		int at = title(sheet, styles, release, "Dự án còn hiệu lực");
		at = headings(sheet, styles, at, "Loại", "Dự án còn hiệu lực", "Trong đó tạm ngừng", "Tổng vốn đăng ký",
				"Vốn thực hiện lũy kế");
		for (StockLine stock : release.tables().stock()) {
			Row line = sheet.createRow(at++);
			styles.cells.text(line, 0, stock.type().name());
			number(line, 1, stock.validProjects(), styles);
			number(line, 2, stock.suspendedProjects(), styles);
			number(line, 3, stock.registeredCapital(), styles);
			number(line, 4, stock.realisedCapital(), styles);
		}
	}

	private static int title(Sheet sheet, Styles styles, ZoneRelease release, String what) {
		ZoneRelease.Header header = release.header();
		styles.cells.text(sheet.createRow(0), 0, what + " – " + header.scope().vi() + ", từ "
				+ DAY.format(header.from()) + " đến " + DAY.format(header.cutOff()), styles.bold);
		styles.cells.text(sheet.createRow(1), 0,
				((header.asOf() != null) ? "Số liệu như đã biết lúc " + TIME.format(header.asOf()) : "Số liệu hiện nay")
						+ "; sự kiện mới nhất nhận lúc " + ((header.newestEventReceivedAt() != null)
								? TIME.format(header.newestEventReceivedAt()) : "– (chưa có)")
						+ "; FDI tính bằng USD, DDI bằng đồng");
		return 3;
	}

	private static int headings(Sheet sheet, Styles styles, int at, String... headings) {
		Row row = sheet.createRow(at);
		for (int column = 0; column < headings.length; column++) {
			styles.cells.text(row, column, headings[column], styles.bold);
			if (column > 0 && sheet.getColumnWidth(column) < 18 * 256) {
				sheet.setColumnWidth(column, 18 * 256);
			}
		}
		return at + 1;
	}

	/**
	 * A count, or an amount in major units: a number where a spreadsheet keeps it
	 * exactly, else its exact decimal ({@link WorkbookCells}); the CSV carries the exact
	 * decimals regardless.
	 */
	private static void number(Row line, int column, Shown shown, Styles styles) {
		switch (shown) {
			case Count count -> styles.cells.number(line, column, BigDecimal.valueOf(count.value()), styles.count);
			case Amount amount ->
				styles.cells.number(line, column, new Money(amount.minorUnits(), amount.currency()).toMajor(),
						(amount.currency() == Currency.USD) ? styles.usd : styles.vnd);
		}
	}

	private static void count(Row line, int column, long value, Styles styles) {
		Cell cell = line.createCell(column);
		cell.setCellValue(value);
		cell.setCellStyle(styles.count);
	}

	private static void hectares(Row line, int column, Hectares hectares, Styles styles) {
		styles.cells.number(line, column, hectares.exact(), styles.hectares);
	}

	private static void percent(Row line, int column, Share share, Styles styles) {
		Cell cell = line.createCell(column);
		cell.setCellValue(share.percent().doubleValue());
		cell.setCellStyle(styles.percent);
	}

	private static final class Styles {

		final WorkbookCells cells;

		final CellStyle bold;

		final CellStyle wrap;

		final CellStyle usd;

		final CellStyle vnd;

		final CellStyle count;

		final CellStyle hectares;

		final CellStyle percent;

		Styles(Workbook workbook) {
			this.cells = new WorkbookCells(workbook);
			Font font = workbook.createFont();
			font.setBold(true);
			this.bold = workbook.createCellStyle();
			this.bold.setFont(font);
			this.wrap = workbook.createCellStyle();
			this.wrap.setWrapText(true);
			this.usd = numberStyle(workbook, "#,##0.00");
			this.vnd = numberStyle(workbook, "#,##0");
			this.count = numberStyle(workbook, "#,##0");
			this.hectares = numberStyle(workbook, "#,##0.0###");
			this.percent = numberStyle(workbook, "0.0");
		}

		private static CellStyle numberStyle(Workbook workbook, String format) {
			CellStyle style = workbook.createCellStyle();
			style.setDataFormat(workbook.createDataFormat().getFormat(format));
			return style;
		}

	}

}
