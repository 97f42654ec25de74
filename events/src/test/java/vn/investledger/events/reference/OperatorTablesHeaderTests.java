package vn.investledger.events.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import vn.investledger.events.rulebook.ReportCalendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An operator's table is read only under its own header: one without it (its first row of
 * data would have been taken for the header and dropped, silently: a calendar rule or a
 * rate lost) or with its columns renamed or reordered is refused, naming the file and the
 * header expected. The shipped tables, and each with a byte order mark, are read.
 */
class OperatorTablesHeaderTests {

	/** An operator's table: how it is read, and a valid file of it. */
	record Table(String name, Function<Path, Object> reader, String header, List<String> rows) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	private static final List<Table> TABLES = List.of(
			new Table("report calendar", ReportCalendar::read, "from_year,cut_off,december,source",
					List.of("1987,20,20,FIA đến ngày 20", "2025,end,end,FIA đến cuối tháng")),
			new Table("rates", UsdRates::read, "from,vnd_per_usd,name",
					List.of("2000-01-01,20000,tỷ giá thử", "2025-01-01,25000,tỷ giá 2025")),
			new Table("industrial land", IndustrialLand::read, "zone,from,industrial_land_ha,source",
					List.of("HP-DEEP-C,2020-01-01,1000.25,Ban Quản lý, báo cáo 2020")),
			new Table("investment targets", InvestmentTargets::read,
					"province,year,from,fdi_million_usd,ddi_billion_vnd,total_million_usd,source",
					List.of("31,2025,2025-01-15,10,,,Nghị quyết")),
			new Table("VSIC sections", (file) -> VsicEditions.read(file, null),
					"edition,valid_from,valid_to,letter,first_division,last_division,name",
					shippedRows("/reference/vsic-sections.csv")),
			new Table("VSIC correspondence", (file) -> VsicEditions.read(null, file),
					"from_edition,from_section,division,to_edition,to_section",
					shippedRows("/reference/vsic-correspondence.csv")));

	/**
	 * A shipped table's rows of data: what is neither a comment, blank, nor its header.
	 */
	private static List<String> shippedRows(String resource) {
		try (var in = OperatorTablesHeaderTests.class.getResourceAsStream(resource)) {
			List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank() && !line.startsWith("#"))
				.toList();
			return lines.subList(1, lines.size());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Property(tries = 200)
	void shouldReadATableUnderItsHeaderWithOrWithoutAByteOrderMark(@ForAll("tables") Table table,
			@ForAll boolean byteOrderMark) throws IOException {
		Path csv = write((byteOrderMark ? "\uFEFF" : "") + "# an operator's table\n" + table.header() + "\n"
				+ String.join("\n", table.rows()) + "\n");

		assertThat(table.reader().apply(csv)).isNotNull();
	}

	@Property(tries = 300)
	void shouldRefuseATableWhoseFirstRowIsNotItsHeader(@ForAll("misheaded") Misheaded file) throws IOException {
		Path csv = write(file.text());

		assertThatIllegalArgumentException().isThrownBy(() -> file.table().reader().apply(csv))
			.withMessageContaining(csv.toString())
			.withMessageContaining("the first row must be the header \"" + file.table().header() + "\"");
	}

	@org.junit.jupiter.api.Test
	void shouldNameTheFileOfARateTableWithoutARate() throws IOException {
		Path csv = write("from,vnd_per_usd,name\n# no rate yet\n");

		assertThatIllegalArgumentException().isThrownBy(() -> UsdRates.read(csv))
			.withMessage("Rate table " + csv + " has no rate: a rate table needs at least one");
	}

	@Property(tries = 20)
	void shouldRefuseATableWithoutAnyRow(@ForAll("tables") Table table) throws IOException {
		Path csv = write("# nothing but a comment\n\n");

		assertThatIllegalArgumentException().isThrownBy(() -> table.reader().apply(csv))
			.withMessageContaining("has no header row");
	}

	/** A table's file whose first row is not its header. */
	record Misheaded(Table table, String text) {

	}

	@Provide
	Arbitrary<Table> tables() {
		return Arbitraries.of(TABLES);
	}

	@Provide
	Arbitrary<Misheaded> misheaded() {
		return tables().flatMap((table) -> {
			List<String> columns = List.of(table.header().split(","));
			Arbitrary<String> header = Arbitraries.oneOf(
					// no header: the first row of data first
					Arbitraries.just(String.join("\n", table.rows())),
					// two columns swapped
					Arbitraries.integers().between(0, columns.size() - 2).map((i) -> {
						List<String> swapped = new ArrayList<>(columns);
						swapped.set(i, columns.get(i + 1));
						swapped.set(i + 1, columns.get(i));
						return String.join(",", swapped) + "\n" + String.join("\n", table.rows());
					}),
					// a column renamed, dropped or added
					Combinators
						.combine(Arbitraries.integers().between(0, columns.size() - 1),
								Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8))
						.as((i, name) -> {
							List<String> renamed = new ArrayList<>(columns);
							renamed.set(i, columns.get(i) + "_" + name);
							return String.join(",", renamed) + "\n" + String.join("\n", table.rows());
						}),
					Arbitraries.just(String.join(",", columns.subList(0, columns.size() - 1)) + "\n"
							+ String.join("\n", table.rows())),
					Arbitraries.just(table.header() + ",extra\n" + String.join("\n", table.rows())));
			return header.map((text) -> new Misheaded(table, text + "\n"));
		});
	}

	private static Path write(String text) {
		try {
			Path csv = Files.createTempFile("table", ".csv");
			csv.toFile().deleteOnExit();
			return Files.writeString(csv, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
