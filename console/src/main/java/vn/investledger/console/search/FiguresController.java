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
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Stock;
import vn.investledger.events.Total;
import vn.investledger.events.rulebook.Cuboid;
import vn.investledger.events.rulebook.Periods;
import vn.investledger.index.StockDocument;
import vn.investledger.index.TotalDocument;

/**
 * The indexed figures: flows per cuboid and period, and the stock of valid projects. Each
 * figure carries the time of the newest event it reflects ({@code newestEventAt}).
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
			@RequestParam(defaultValue = Periods.ALL) @Pattern(regexp = Periods.GRAMMAR,
					message = Periods.GRAMMAR_MESSAGE) String period)
			throws IOException {
		String key = figure.key(period);
		return found(this.figures.total(key), key);
	}

	/**
	 * The flow figures of one cuboid and period, e.g. every province in 2024.
	 * @param cuboid the cuboid
	 * @param period the period
	 * @param type FDI or DDI
	 * @param size at most this many figures
	 * @return the figures, largest registered capital first
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/totals/list")
	Figures<TotalDocument> totals(
			@RequestParam(defaultValue = "province") @Pattern(regexp = Cuboid.GRAMMAR,
					message = FigureCoordinates.CUBOID_MESSAGE) String cuboid,
			@RequestParam(defaultValue = Periods.ALL) @Pattern(regexp = Periods.GRAMMAR,
					message = Periods.GRAMMAR_MESSAGE) String period,
			@RequestParam(defaultValue = "FDI") InvestmentType type, @RequestParam(defaultValue = "100") @Min(value = 1,
					message = "at least 1") @Max(value = 1000, message = "at most 1000") int size)
			throws IOException {
		List<TotalDocument> figures = this.figures.totals(cuboid, period, type, size);
		return new Figures<>(figures, newest(figures, TotalDocument::newestEventAt));
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
		return new Figures<>(months, newest(months, TotalDocument::newestEventAt));
	}

	private static <T> Instant newest(List<T> figures, Function<T, Instant> newestEventAt) {
		return figures.stream().map(newestEventAt).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
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
	 * @param cuboid the cuboid
	 * @param type FDI or DDI
	 * @param size at most this many figures
	 * @return the figures, most valid projects first
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/stock/list")
	Figures<StockDocument> stocks(
			@RequestParam(defaultValue = "province") @Pattern(regexp = Cuboid.GRAMMAR,
					message = FigureCoordinates.CUBOID_MESSAGE) String cuboid,
			@RequestParam(defaultValue = "FDI") InvestmentType type, @RequestParam(defaultValue = "100") @Min(value = 1,
					message = "at least 1") @Max(value = 1000, message = "at most 1000") int size)
			throws IOException {
		List<StockDocument> figures = this.figures.stocks(cuboid, type, size);
		return new Figures<>(figures, newest(figures, StockDocument::newestEventAt));
	}

	/**
	 * The indexed figure of one province, all time.
	 * @param provinceCode the province as licensed
	 * @param type FDI or DDI
	 * @return the figure
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/totals/provinces/{provinceCode}")
	TotalDocument provinceTotal(
			@PathVariable @Pattern(regexp = "\\d{2}", message = ProjectFilters.PROVINCE) String provinceCode,
			@RequestParam(defaultValue = "FDI") InvestmentType type) throws IOException {
		String key = Total.keyOf(Cuboid.PROVINCE.id(), Map.of("province", provinceCode), Periods.ALL, type);
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
	 * @param asOf the emission time of the newest event they reflect
	 * @param <T> the kind of figure
	 */
	record Figures<T>(List<T> figures, Instant asOf) {

	}

}
