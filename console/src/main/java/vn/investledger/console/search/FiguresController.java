package vn.investledger.console.search;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import vn.investledger.events.Limits;
import vn.investledger.events.Stock;
import vn.investledger.events.Total;
import vn.investledger.events.rulebook.Cuboid;
import vn.investledger.events.rulebook.Periods;
import vn.investledger.index.StockDocument;
import vn.investledger.index.TotalDocument;

/**
 * The indexed figures: flows per cuboid and period, and the stock of valid projects. Each
 * figure carries the time of the newest event it reflects ({@code newestEventAt}).
 * <p>
 * A parameter with a default ({@code cuboid}, {@code period}, {@code type}) takes it when
 * left out, never when given empty: Spring would read {@code period=} as its default and
 * answer the all-time figure to someone who asked for a period, so an empty one is a 400
 * naming it (refused by its pattern, which no empty value matches).
 */
@RestController
@RequestMapping("/api/search")
class FiguresController {

	private final FigureSearch figures;

	FiguresController(FigureSearch figures) {
		this.figures = figures;
	}

	/**
	 * One flow figure.
	 * @param figure which figure
	 * @param period {@code all}, a year ({@code 2024}), a quarter ({@code 2024-Q1}), a
	 * month ({@code 2024-03}) or a report month to the cut-off day ({@code 2024-R03})
	 * @return the figure
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/totals")
	TotalDocument total(@Valid @ParameterObject @ModelAttribute FigureCoordinates figure,
			@RequestParam(required = false) @Pattern(regexp = Periods.GRAMMAR,
					message = Periods.GRAMMAR_MESSAGE) String period)
			throws IOException {
		String key = figure.key(FigureCoordinates.periodOf(period));
		return found(this.figures.total(key), key);
	}

	/**
	 * The flow figures of one cuboid and period, e.g. every province in 2024.
	 * @param cuboid the cuboid (province if left out)
	 * @param period the period (all if left out)
	 * @param type FDI or DDI (FDI if left out)
	 * @param size at most this many figures
	 * @return the figures, largest registered capital first, with how many match in all
	 * and whether some were left out for {@code size}
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/totals/list")
	Figures<TotalDocument> totals(
			@RequestParam(required = false) @Pattern(regexp = Cuboid.GRAMMAR,
					message = FigureCoordinates.CUBOID_MESSAGE) String cuboid,
			@RequestParam(required = false) @Pattern(regexp = Periods.GRAMMAR,
					message = Periods.GRAMMAR_MESSAGE) String period,
			@RequestParam(required = false) @Pattern(regexp = FigureCoordinates.TYPE_GRAMMAR,
					message = FigureCoordinates.TYPE_MESSAGE) String type,
			@RequestParam(defaultValue = "100") @Min(value = 1, message = "at least 1") @Max(value = 1000,
					message = "at most 1000") int size)
			throws IOException {
		FigureSearch.Found<TotalDocument> found = this.figures.totals(listed(cuboid),
				FigureCoordinates.periodOf(period), FigureCoordinates.typeOf(type), size);
		return Figures.of(found, TotalDocument::newestEventAt);
	}

	/**
	 * A figure month by month through a year, for the console's monthly series; months
	 * without a figure are left out.
	 * @param figure which figure
	 * @param year the year
	 * @return the months' figures, in order
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/totals/series")
	Figures<TotalDocument> series(@Valid @ParameterObject @ModelAttribute FigureCoordinates figure,
			@RequestParam @Min(value = Limits.EARLIEST_YEAR, message = "a year from " + Limits.EARLIEST_YEAR) @Max(
					value = 2100, message = "a year to 2100") int year)
			throws IOException {
		List<String> keys = new ArrayList<>();
		for (int month = 1; month <= 12; month++) {
			keys.add(figure.key(String.format("%d-%02d", year, month)));
		}
		List<TotalDocument> months = this.figures.totals(keys);
		return Figures.of(new FigureSearch.Found<>(months, months.size()), TotalDocument::newestEventAt);
	}

	/** The cuboid of a list: by province if left out. */
	private static String listed(String cuboid) {
		return (cuboid != null) ? cuboid : Cuboid.PROVINCE.id();
	}

	/**
	 * One stock figure: valid projects, suspended ones, registered and realised capital.
	 * @param figure which figure
	 * @return the figure
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/stock")
	StockDocument stock(@Valid @ParameterObject @ModelAttribute FigureCoordinates figure) throws IOException {
		String key = figure.key(Stock.PERIOD);
		return found(this.figures.stock(key), key);
	}

	/**
	 * The stock figures of one cuboid, e.g. the valid projects of every province.
	 * @param cuboid the cuboid (province if left out)
	 * @param type FDI or DDI (FDI if left out)
	 * @param size at most this many figures
	 * @return the figures, most valid projects first, with how many match in all and
	 * whether some were left out for {@code size}
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/stock/list")
	Figures<StockDocument> stocks(
			@RequestParam(required = false) @Pattern(regexp = Cuboid.GRAMMAR,
					message = FigureCoordinates.CUBOID_MESSAGE) String cuboid,
			@RequestParam(required = false) @Pattern(regexp = FigureCoordinates.TYPE_GRAMMAR,
					message = FigureCoordinates.TYPE_MESSAGE) String type,
			@RequestParam(defaultValue = "100") @Min(value = 1, message = "at least 1") @Max(value = 1000,
					message = "at most 1000") int size)
			throws IOException {
		FigureSearch.Found<StockDocument> found = this.figures.stocks(listed(cuboid), FigureCoordinates.typeOf(type),
				size);
		return Figures.of(found, StockDocument::newestEventAt);
	}

	/**
	 * The indexed figure of one province, all time.
	 * @param provinceCode the province as licensed: a code that named a unit since 1987
	 * @param type FDI or DDI (FDI if left out)
	 * @return the figure
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/totals/provinces/{provinceCode}")
	TotalDocument provinceTotal(
			@PathVariable @Pattern(regexp = "\\d{2}", message = ProjectFilters.PROVINCE) String provinceCode,
			@RequestParam(required = false) @Pattern(regexp = FigureCoordinates.TYPE_GRAMMAR,
					message = FigureCoordinates.TYPE_MESSAGE) String type)
			throws IOException {
		FigureCoordinates.requireProvince(Cuboid.PROVINCE, provinceCode);
		String key = Total.keyOf(Cuboid.PROVINCE.id(), Map.of("province", provinceCode), Periods.ALL,
				FigureCoordinates.typeOf(type));
		return found(this.figures.total(key), key);
	}

	private static <T> T found(Optional<T> figure, String key) {
		return figure
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No figure " + key + " indexed yet"));
	}

	/**
	 * Figures with the time of the newest event among them.
	 *
	 * @param figures the figures
	 * @param total how many figures match, counted exactly, however many are listed
	 * @param truncated whether fewer are listed than match: the list was cut at its
	 * {@code size}, so its figures do not add up to the whole of the cuboid
	 * @param asOf the emission time of the newest event they reflect
	 * @param <T> the kind of figure
	 */
	record Figures<T>(List<T> figures, long total, boolean truncated, Instant asOf) {

		static <T> Figures<T> of(FigureSearch.Found<T> found, Function<T, Instant> newestEventAt) {
			List<T> figures = found.figures();
			Instant asOf = figures.stream()
				.map(newestEventAt)
				.filter(Objects::nonNull)
				.max(Instant::compareTo)
				.orElse(null);
			return new Figures<>(figures, found.total(), found.total() > figures.size(), asOf);
		}

	}

}
