package vn.investledger.console.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monthly report's files carry hostile names as inert text and amounts as exact
 * numbers: a code or name that would run as a formula in a spreadsheet is written with a
 * leading quote, as a string cell of the workbook, never a formula. The CSV starts with
 * UTF-8's byte order mark.
 */
class ReportFilesTests {

	private static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1+1", "@SUM(A1)", "-2+3",
			"\t=1", "\r=1");

	/** FDI by country: one hostile line per name, and a negative adjustment. */
	private final MonthlyReport report = report();

	@Test
	void shouldWriteHostileNamesToExcelAsQuotedStringCellsAndNoFormula() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ReportFiles.xlsx(this.report, out);

		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
			Sheet byCountry = workbook.getSheet("FDI theo đối tác");
			for (int i = 0; i < HOSTILE.size(); i++) {
				// the table's rows start under its caption and header, at row 5
				Row line = byCountry.getRow(5 + i);
				for (int column = 0; column <= 1; column++) {
					Cell cell = line.getCell(column);
					assertThat(cell.getCellType()).as(HOSTILE.get(i)).isEqualTo(CellType.STRING);
					// the name as written, with Excel's text prefix rather than a quote
					// in it
					assertThat(cell.getStringCellValue()).isEqualTo(HOSTILE.get(i));
					assertThat(cell.getCellStyle().getQuotePrefixed()).as(HOSTILE.get(i)).isTrue();
				}
				// amounts stay numbers, exact: −250,000.25 with its sign
				assertThat(line.getCell(5).getCellType()).isEqualTo(CellType.NUMERIC);
				assertThat(BigDecimal.valueOf(line.getCell(5).getNumericCellValue()))
					.isEqualByComparingTo("-250000.25");
				assertThat(BigDecimal.valueOf(line.getCell(3).getNumericCellValue()))
					.isEqualByComparingTo(new BigDecimal("1000000.50").add(BigDecimal.valueOf(i)));
			}
			for (Sheet sheet : workbook) {
				for (Row row : sheet) {
					for (Cell cell : row) {
						assertThat(cell.getCellType()).as("%s!%s", sheet.getSheetName(), cell.getAddress())
							.isNotEqualTo(CellType.FORMULA);
					}
				}
			}
		}
	}

	/**
	 * A spreadsheet number keeps 15 significant digits: an amount with more is the exact
	 * decimal as text, never a number Excel would show rounded.
	 */
	@Test
	void shouldWriteAnAmountBeyondFifteenDigitsAsItsExactDecimal() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ReportFiles.xlsx(this.report, out);

		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
			List<Row> nation = new ArrayList<>();
			for (Row row : workbook.getSheet("Tổng hợp")) {
				Cell name = row.getCell(1);
				if (name != null && name.getCellType() == CellType.STRING
						&& name.getStringCellValue().equals("Cả nước")) {
					nation.add(row);
				}
			}
			assertThat(nation).hasSize(2);
			Row ddi = nation.get(1);
			// new capital: 9,007,199,254,740,993 đồng, sixteen digits
			assertThat(ddi.getCell(3).getCellType()).isEqualTo(CellType.STRING);
			assertThat(ddi.getCell(3).getStringCellValue()).isEqualTo("9007199254740993");
			// with Excel's text prefix: editing it does not round it back into a number
			assertThat(ddi.getCell(3).getCellStyle().getQuotePrefixed()).isTrue();
			// adjusted: fifteen digits, a number and exact
			assertThat(ddi.getCell(5).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(BigDecimal.valueOf(ddi.getCell(5).getNumericCellValue()).toBigIntegerExact())
				.isEqualTo(BigDecimal.valueOf(123_456_789_012_345L).toBigIntegerExact());
			assertThat(nation.get(0).getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
		}
	}

	@Test
	void shouldWriteHostileNamesToCsvQuotedAndAmountsAsExactNumbers() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ReportFiles.csv(this.report, out);
		String csv = out.toString(StandardCharsets.UTF_8).substring(1);

		List<CSVRecord> lines = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(csv)).getRecords();
		List<CSVRecord> countries = lines.stream().filter((line) -> line.get("table").equals("country")).toList();
		assertThat(countries).hasSize(HOSTILE.size());
		for (int i = 0; i < HOSTILE.size(); i++) {
			assertThat(countries.get(i).get("code")).isEqualTo("'" + HOSTILE.get(i));
			assertThat(countries.get(i).get("name")).isEqualTo("'" + HOSTILE.get(i));
			assertThat(countries.get(i).get("adjustedCapital")).isEqualTo("-250000.25");
		}
		// each text in quotes, so that no separator inside it starts a cell; amounts bare
		assertThat(csv).contains("\"FDI\",\"country\",\"'+1+1\",\"'+1+1\",1,1000001.50,1,-250000.25,");
	}

	@Test
	void shouldStartTheCsvWithAByteOrderMarkAndStillParse() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ReportFiles.csv(this.report, out);
		byte[] bytes = out.toByteArray();

		// UTF-8's byte order mark, so that Excel reads the names as UTF-8
		assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
		// after it, the header and the lines, the Vietnamese names intact
		String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
		CSVParser parsed = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(csv));
		assertThat(parsed.getHeaderNames()).isEqualTo(ReportFiles.CSV_COLUMNS);
		List<CSVRecord> lines = parsed.getRecords();
		assertThat(lines).filteredOn((line) -> line.get("table").equals("national"))
			.extracting((line) -> line.get("name"))
			.containsExactly("Cả nước", "Cả nước");
		assertThat(lines).filteredOn((line) -> line.get("table").equals("country")).hasSize(HOSTILE.size());
	}

	private static MonthlyReport report() {
		List<MonthlyReport.Row> byCountry = new ArrayList<>();
		for (int i = 0; i < HOSTILE.size(); i++) {
			byCountry.add(MonthlyReport.Row.zero(HOSTILE.get(i), HOSTILE.get(i), Currency.USD)
				.plus(1, Money.usd(new BigDecimal("1000000.50").add(BigDecimal.valueOf(i)).toPlainString()), 1,
						Money.usd("-250000.25"), 0, Money.zero(Currency.USD), Money.zero(Currency.USD)));
		}
		MonthlyReport.Row nation = MonthlyReport.Row.zero("", "Cả nước", Currency.USD);
		MonthlyReport.Section fdi = new MonthlyReport.Section(InvestmentType.FDI, nation, List.of(),
				List.copyOf(byCountry), List.of());
		Money noDong = Money.zero(Currency.VND);
		MonthlyReport.Section ddi = new MonthlyReport.Section(InvestmentType.DDI,
				MonthlyReport.Row.zero("", "Cả nước", Currency.VND)
					.plus(1, new Money(9_007_199_254_740_993L, Currency.VND), 1,
							new Money(123_456_789_012_345L, Currency.VND), 0, noDong, noDong),
				List.of(), List.of(), List.of());
		return new MonthlyReport(2031, 3, LocalDate.of(2031, 1, 1), LocalDate.of(2031, 3, 20), "restated",
				Instant.parse("2031-03-10T03:00:00Z"), List.of(fdi, ddi));
	}

}
