package vn.investledger.events.reference;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The zones' industrial land: none shipped, a deployment's own table read exactly, a
 * zone's later phase from its date, and a malformed row named.
 */
class IndustrialLandTests {

	private static final String HEADER = "zone,from,industrial_land_ha,source\n";

	@Test
	void shouldShipNoArea() {
		assertThat(IndustrialLand.standard().all()).isEmpty();
		assertThat(IndustrialLand.standard().of("HP-DEEP-C", LocalDate.of(2025, 10, 31))).isEmpty();
	}

	@Test
	void shouldGiveTheAreaInForceOnADay(@TempDir Path dir) throws Exception {
		Path csv = dir.resolve("land.csv");
		Files.writeString(csv, HEADER + """
				HP-DEEP-C,2020-01-01,1000.25,Ban Quản lý KKT Hải Phòng, báo cáo 2020
				HP-DEEP-C,2024-06-01,1300.5,Giai đoạn 2
				""");

		IndustrialLand land = IndustrialLand.read(csv);

		assertThat(land.of("HP-DEEP-C", LocalDate.of(2024, 5, 31))).get()
			.extracting(IndustrialLandArea::hectares)
			.isEqualTo(new BigDecimal("1000.25"));
		assertThat(land.of("HP-DEEP-C", LocalDate.of(2024, 6, 1))).get()
			.extracting(IndustrialLandArea::source)
			.isEqualTo("Giai đoạn 2");
		assertThat(land.of("HP-DEEP-C", LocalDate.of(2019, 12, 31))).isEmpty();
		assertThat(land.of("HP-VSIP", LocalDate.of(2025, 1, 1))).isEmpty();
		assertThat(land.of("HP-DEEP-C", LocalDate.of(2020, 1, 1)).orElseThrow().source())
			.isEqualTo("Ban Quản lý KKT Hải Phòng, báo cáo 2020");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			HP-NOWHERE,2020-01-01,10,Nguồn  | not in the reference list of zones
			HP-DEEP-C,2020-01-01,0,Nguồn    | must be positive
			HP-DEEP-C,2020-01-01,-1,Nguồn   | must be positive
			HP-DEEP-C,2020-01-01,mười,Nguồn | row 1
			HP-DEEP-C,2020-01-01,10,        | source
			HP-DEEP-C,2020-01-01            | expected zone,from
			""")
	void shouldRefuseAMalformedRowNamingIt(String row, String named, @TempDir Path dir) throws Exception {
		Path csv = dir.resolve("land.csv");
		Files.writeString(csv, HEADER + row + "\n");

		assertThatIllegalArgumentException().isThrownBy(() -> IndustrialLand.read(csv))
			.withMessageContaining(csv.toString())
			.withMessageContaining("row 1")
			.withMessageContaining(named);
	}

}
