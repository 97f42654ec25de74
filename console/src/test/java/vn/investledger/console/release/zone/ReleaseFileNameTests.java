package vn.investledger.console.release.zone;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.console.release.GeneratedLedger;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.console.ConsoleFixture.params;

/**
 * Every release file, national and zone-board, CSV and xlsx, names its vintage and the
 * instant it is known at: in its file name, ASCII only, beside {@code X-Vintage} and
 * {@code X-As-Of}. The CSV's rows do not: they keep the documented columns, so a release
 * as known at an instant after every receipt, and as first published with nothing
 * received since, is the current release's CSV byte for byte.
 */
@ConsoleTest
class ReleaseFileNameTests {

	private static final String NATIONAL = "/api/releases/2025-10";

	private static final String ZONE_BOARD = NATIONAL + "/zone-board";

	/** After every receipt of the ledger (1 December 2025), with a fraction. */
	private static final String AS_OF = "2026-01-01T07:00:00.250+07:00";

	private final ConsoleFixture fixture;

	ReleaseFileNameTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldNameEachFileAfterItsVintageAndInstantAndNoRowAfterEither() throws IOException {
		// Given the zone-board tests' ledger in the history, and the national FDI release
		// and Hải Phòng's zone-board release of 2025-10 published
		this.fixture.indexHistory(GeneratedLedger.of(ZoneReleaseWriterTests.LEDGER).applied(this.fixture.topics));
		Instant national = publishedAt("/api/admin/releases/2025-10/publications", params("type", "FDI"));
		Instant zoneBoard = publishedAt("/api/admin/releases/2025-10/zone-board/publications",
				params("province", "31"));

		// Then each file is named after its vintage and instant, which its headers state
		// too: the current release (no instant)
		HttpResponse<String> nationalNow = assertFile(NATIONAL, params("type", "FDI", "format", "csv"),
				"thong-cao-FDI-2025-10-hien-nay.csv", "current", null);
		HttpResponse<String> zoneNow = assertFile(ZONE_BOARD, params("province", "31", "format", "csv"),
				"thong-cao-kkt-kcn-31-2025-10-hien-nay.csv", "current", null);
		// the release as known at an instant, in UTC, to its fraction
		HttpResponse<String> nationalThen = assertFile(NATIONAL, params("type", "FDI", "format", "csv", "asOf", AS_OF),
				"thong-cao-FDI-2025-10-nhu-da-biet-20260101T000000.250Z.csv", "as-of", "2026-01-01T00:00:00.250Z");
		assertFile(NATIONAL, params("type", "FDI", "format", "xlsx", "asOf", AS_OF),
				"thong-cao-FDI-2025-10-nhu-da-biet-20260101T000000.250Z.xlsx", "as-of", "2026-01-01T00:00:00.250Z");
		HttpResponse<String> zoneThen = assertFile(ZONE_BOARD, params("province", "31", "format", "csv", "asOf", AS_OF),
				"thong-cao-kkt-kcn-31-2025-10-nhu-da-biet-20260101T000000.250Z.csv", "as-of",
				"2026-01-01T00:00:00.250Z");
		// the release as first published, at its publication's instant
		HttpResponse<String> nationalFirst = assertFile(NATIONAL,
				params("type", "FDI", "format", "csv", "vintage", "first-published"),
				"thong-cao-FDI-2025-10-ban-cong-bo-dau-" + basic(national) + ".csv", "first-published",
				national.toString());
		assertFile(NATIONAL, params("type", "FDI", "format", "xlsx", "vintage", "first-published"),
				"thong-cao-FDI-2025-10-ban-cong-bo-dau-" + basic(national) + ".xlsx", "first-published",
				national.toString());
		HttpResponse<String> zoneFirst = assertFile(ZONE_BOARD,
				params("province", "31", "format", "csv", "vintage", "first-published"),
				"thong-cao-kkt-kcn-31-2025-10-ban-cong-bo-dau-" + basic(zoneBoard) + ".csv", "first-published",
				zoneBoard.toString());
		assertFile(ZONE_BOARD, params("zone", "HP-DEEP-C", "format", "xlsx", "asOf", AS_OF),
				"thong-cao-kkt-kcn-hp-deep-c-2025-10-nhu-da-biet-20260101T000000.250Z.xlsx", "as-of",
				"2026-01-01T00:00:00.250Z");

		// and no CSV row names either: the documented columns, and the same rows in
		// every vintage of the same entries
		assertColumns(nationalNow, "month", "type", "cut_off", "table", "row", "code", "name", "measure", "value",
				"currency", "vi", "en");
		assertColumns(zoneNow, "table", "code", "name", "figure", "series", "period", "value", "unit", "note");
		assertThat(nationalThen.body()).isEqualTo(nationalNow.body());
		assertThat(nationalFirst.body()).isEqualTo(nationalNow.body());
		assertThat(zoneThen.body()).isEqualTo(zoneNow.body());
		assertThat(zoneFirst.body()).isEqualTo(zoneNow.body());
	}

	private Instant publishedAt(String path, Map<String, String> query) {
		HttpResponse<String> published = this.fixture.send("POST", ConsoleFixture.ADMIN, ConsoleFixture.PASSWORD, path,
				query);
		assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
		return Instant.parse(ConsoleFixture.JSON.readTree(published.body()).get("publishedAt").asString());
	}

	private HttpResponse<String> assertFile(String path, Map<String, String> query, String name, String vintage,
			String asOf) {
		HttpResponse<String> file = this.fixture.get(path, query);
		assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
		assertThat(file.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"" + name + "\"");
		assertThat(file.headers().firstValue("X-Vintage")).hasValue(vintage);
		if (asOf != null) {
			assertThat(file.headers().firstValue("X-As-Of")).hasValue(asOf);
		}
		else {
			assertThat(file.headers().firstValue("X-As-Of")).isEmpty();
		}
		return file;
	}

	private static void assertColumns(HttpResponse<String> csv, String... columns) throws IOException {
		try (CSVParser parser = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.body()))) {
			assertThat(parser.getHeaderNames()).containsExactly(columns);
			List<CSVRecord> rows = parser.getRecords();
			assertThat(rows).isNotEmpty().allSatisfy((row) -> assertThat(row.size()).isEqualTo(columns.length));
		}
	}

	/** An instant as a file name writes it: {@code X-As-Of} without dashes or colons. */
	private static String basic(Instant instant) {
		return instant.toString().replace("-", "").replace(":", "");
	}

}
