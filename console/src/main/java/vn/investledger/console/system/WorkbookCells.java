package vn.investledger.console.system;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The cells of every workbook the console writes (the exports, the monthly report, the
 * releases), so that each shows what the CSV beside it says:
 * <ul>
 * <li>a text is a string cell holding the text as written, whatever it looks like; one
 * that a spreadsheet would run as a formula on editing ({@link SpreadsheetCells}) gets
 * Excel's text prefix, a cell style, instead of a quote character in the text;</li>
 * <li>a number is a number cell where a spreadsheet keeps it exactly
 * ({@link #keepsExactly}: {@value #NUMBER_DIGITS} significant digits), and otherwise the
 * exact decimal in a string cell, never a rounded number.</li>
 * </ul>
 * One instance per workbook: the prefixed styles are made once for each style they extend
 * (a workbook holds at most 64,000 styles).
 */
public final class WorkbookCells {

	/**
	 * The significant digits a spreadsheet number keeps: a spreadsheet number is a
	 * double, and Excel shows and keeps 15 digits of it.
	 */
	public static final int NUMBER_DIGITS = 15;

	private final Workbook workbook;

	private final Map<CellStyle, CellStyle> prefixed = new HashMap<>();

	private CellStyle plainPrefixed;

	/**
	 * Cells of a workbook.
	 * @param workbook the workbook
	 */
	public WorkbookCells(Workbook workbook) {
		this.workbook = workbook;
	}

	/**
	 * Whether a spreadsheet number keeps a decimal exactly: at most
	 * {@link #NUMBER_DIGITS} significant digits.
	 * @param decimal a number
	 * @return whether a workbook writes it as a number
	 */
	public static boolean keepsExactly(BigDecimal decimal) {
		return decimal.signum() == 0 || decimal.stripTrailingZeros().precision() <= NUMBER_DIGITS;
	}

	/**
	 * A string cell, with no style of its own.
	 * @param line the row
	 * @param column the column
	 * @param text the text as written; {@code null} for an empty cell
	 * @return the cell
	 */
	public Cell text(Row line, int column, String text) {
		return text(line, column, text, null);
	}

	/**
	 * A string cell.
	 * @param line the row
	 * @param column the column
	 * @param text the text as written; {@code null} for an empty cell
	 * @param style the cell's style, or {@code null}
	 * @return the cell
	 */
	public Cell text(Row line, int column, String text, CellStyle style) {
		Cell cell = line.createCell(column);
		boolean formulaLike = text != null && !text.equals(SpreadsheetCells.text(text));
		if (text != null) {
			cell.setCellValue(text);
		}
		CellStyle shown = formulaLike ? prefixed(style) : style;
		if (shown != null) {
			cell.setCellStyle(shown);
		}
		return cell;
	}

	/**
	 * A number cell where a spreadsheet keeps the number exactly, else its exact decimal
	 * as text.
	 * @param line the row
	 * @param column the column
	 * @param number the number: an amount in major units, a count, an area
	 * @param style the number's format
	 * @return the cell
	 */
	public Cell number(Row line, int column, BigDecimal number, CellStyle style) {
		Cell cell = line.createCell(column);
		if (keepsExactly(number)) {
			cell.setCellValue(number.doubleValue());
			if (style != null) {
				cell.setCellStyle(style);
			}
		}
		else {
			// with Excel's text prefix, so that editing the cell does not read it back as
			// a number rounded to 15 digits
			cell.setCellValue(number.toPlainString());
			cell.setCellStyle(prefixed(style));
		}
		return cell;
	}

	private CellStyle prefixed(CellStyle style) {
		if (style == null) {
			if (this.plainPrefixed == null) {
				this.plainPrefixed = this.workbook.createCellStyle();
				this.plainPrefixed.setQuotePrefixed(true);
			}
			return this.plainPrefixed;
		}
		return this.prefixed.computeIfAbsent(style, (base) -> {
			CellStyle made = this.workbook.createCellStyle();
			made.cloneStyleFrom(base);
			made.setQuotePrefixed(true);
			return made;
		});
	}

}
