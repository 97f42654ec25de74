package vn.investledger.processor.totals;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Limits;
import vn.investledger.events.Stock;
import vn.investledger.events.Total;
import vn.investledger.events.reference.Countries;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.UsdRate;
import vn.investledger.events.reference.UsdRates;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.reference.Zones;
import vn.investledger.events.rulebook.Cuboid;
import vn.investledger.events.rulebook.Periods;

/**
 * Exact running figures, read from the processor's state the moment they change, from
 * whichever instance owns each figure ({@link FigureLookup}).
 */
@RestController
@RequestMapping("/api/totals")
class TotalsController {

	private static final Pattern PROVINCE_CODE = Pattern.compile("\\d{2}");

	private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

	private static final Pattern SECTION = Pattern.compile("[A-V]");

	private final FigureLookup lookup;

	private final UsdRates rates;

	TotalsController(FigureLookup lookup, UsdRates rates) {
		this.lookup = lookup;
		this.rates = rates;
	}

	/**
	 * One province's figure as licensed, for all time.
	 * @param provinceCode the province as licensed
	 * @param type FDI (USD) or DDI (VND)
	 * @return the figure, zero with no {@code newestEventAt} if the province has none yet
	 */
	@GetMapping("/provinces/{provinceCode}")
	Total byProvince(@PathVariable String provinceCode, @RequestParam(defaultValue = "FDI") InvestmentType type) {
		return figure(Cuboid.PROVINCE.id(), coordinates(Cuboid.PROVINCE.id(), provinceCode, null, null, null),
				Periods.ALL, type);
	}

	/**
	 * Any figure the processor keeps.
	 * @param cuboid national, province, province-restated, province+zone,
	 * province+country, province+sector, country or sector
	 * @param province the province, for the province cuboids
	 * @param zone the zone code, for province+zone
	 * @param country the ISO alpha-2 code, for the country cuboids
	 * @param sector the VSIC section, for the sector cuboids
	 * @param period all, 2024, 2024-Q1, 2024-03 or 2024-R03
	 * @param type FDI or DDI
	 * @return the figure, zero if nothing counted in it yet
	 */
	@GetMapping
	Total figure(@RequestParam(defaultValue = "national") String cuboid,
			@RequestParam(required = false) String province, @RequestParam(required = false) String zone,
			@RequestParam(required = false) String country, @RequestParam(required = false) String sector,
			@RequestParam(defaultValue = Periods.ALL) String period,
			@RequestParam(defaultValue = "FDI") InvestmentType type) {
		requirePeriod(period);
		return figure(cuboid, coordinates(cuboid, province, zone, country, sector), period, type);
	}

	/**
	 * FDI and DDI together in US dollars, DDI converted event by event at the dated
	 * reference rate of its effective date; the answer names each rate applied.
	 * @param cuboid as for {@link #figure}
	 * @param province as for {@link #figure}
	 * @param zone as for {@link #figure}
	 * @param country as for {@link #figure}
	 * @param sector as for {@link #figure}
	 * @param period as for {@link #figure}
	 * @return the FDI, DDI and combined flows in dollars
	 */
	@GetMapping("/combined")
	CombinedFigure combined(@RequestParam(defaultValue = "national") String cuboid,
			@RequestParam(required = false) String province, @RequestParam(required = false) String zone,
			@RequestParam(required = false) String country, @RequestParam(required = false) String sector,
			@RequestParam(defaultValue = Periods.ALL) String period) {
		requirePeriod(period);
		Map<String, String> dimensions = coordinates(cuboid, province, zone, country, sector);
		return CombinedFigure.of(figure(cuboid, dimensions, period, InvestmentType.FDI),
				figure(cuboid, dimensions, period, InvestmentType.DDI));
	}

	/**
	 * The reference-rate table the combined figures are converted with.
	 * @return every rate, oldest first
	 */
	@GetMapping("/usd-rates")
	List<UsdRate> usdRates() {
		return this.rates.all();
	}

	/**
	 * A year-to-date figure as FIA reports it: from 1 January to the cut-off day of a
	 * month, the sum of that year's report months up to this one.
	 * @param year the year
	 * @param month the report's month, 1 to 12
	 * @param cuboid as for {@link #figure}
	 * @param province as for {@link #figure}
	 * @param zone as for {@link #figure}
	 * @param country as for {@link #figure}
	 * @param sector as for {@link #figure}
	 * @param type FDI or DDI
	 * @return the figure, with period {@code 2024-YTD-03}
	 */
	@GetMapping("/year-to-date")
	Total yearToDate(@RequestParam String year, @RequestParam String month,
			@RequestParam(defaultValue = "national") String cuboid, @RequestParam(required = false) String province,
			@RequestParam(required = false) String zone, @RequestParam(required = false) String country,
			@RequestParam(required = false) String sector, @RequestParam(defaultValue = "FDI") InvestmentType type) {
		return yearToDate(reportNumber(year, 4, "year"), reportNumber(month, 2, "month"), cuboid, province, zone,
				country, sector, type);
	}

	/**
	 * A year or month written as the periods write them: ASCII digits only, as many as
	 * the period grammar has (Spring would read {@code +2025}, {@code 0x7E9},
	 * {@code 20 25} or other scripts' digits as 2025).
	 */
	private static int reportNumber(String text, int digits, String name) {
		if (!text.matches("[0-9]{1," + digits + "}")) {
			throw badRequest(name + ": " + digits + " digits at most, written 0 to 9, was \""
					+ ((text.length() > 20) ? text.substring(0, 20) + "…" : text) + "\"");
		}
		return Integer.parseInt(text);
	}

	private Total yearToDate(int year, int month, String cuboid, String province, String zone, String country,
			String sector, InvestmentType type) {
		if (month < 1 || month > 12 || year < Limits.EARLIEST_YEAR || year > Limits.LATEST_YEAR) {
			throw badRequest("A report is of a month 1 to 12 of a year from " + Limits.EARLIEST_YEAR + " to "
					+ Limits.LATEST_YEAR + ", was " + year + "-" + month);
		}
		Map<String, String> dimensions = coordinates(cuboid, province, zone, country, sector);
		Total sum = Total.zero(cuboid, dimensions, String.format("%d-YTD-%02d", year, month), type);
		for (String reportMonth : Periods.yearToDate(YearMonth.of(year, month))) {
			sum = sum.plus(figure(cuboid, dimensions, reportMonth, type));
		}
		return sum;
	}

	/**
	 * The stock of valid projects in a cuboid: projects licensed and not terminated,
	 * their current registered capital and cumulative realised capital, suspended
	 * projects counted apart.
	 * @param cuboid as for {@link #figure}
	 * @param province as for {@link #figure}
	 * @param zone as for {@link #figure}
	 * @param country as for {@link #figure}
	 * @param sector as for {@link #figure}
	 * @param type FDI or DDI
	 * @return the stock, zero if no project is in it
	 */
	@GetMapping("/stock")
	Stock stock(@RequestParam(defaultValue = "national") String cuboid, @RequestParam(required = false) String province,
			@RequestParam(required = false) String zone, @RequestParam(required = false) String country,
			@RequestParam(required = false) String sector, @RequestParam(defaultValue = "FDI") InvestmentType type) {
		Map<String, String> dimensions = coordinates(cuboid, province, zone, country, sector);
		Stock stock = this.lookup.get(StockFigures.STOCK_STORE, Total.keyOf(cuboid, dimensions, Stock.PERIOD, type),
				Stock.class);
		return (stock != null) ? stock : Stock.zero(cuboid, dimensions, type);
	}

	private Total figure(String cuboid, Map<String, String> dimensions, String period, InvestmentType type) {
		Total total = this.lookup.get(TotalsTopology.TOTALS_STORE, Total.keyOf(cuboid, dimensions, period, type),
				Total.class);
		return (total != null) ? total : Total.zero(cuboid, dimensions, period, type);
	}

	private static void requirePeriod(String period) {
		if (!Periods.isPeriod(period)) {
			throw badRequest(Periods.GRAMMAR_MESSAGE + ", was \"" + period + "\"");
		}
	}

	/**
	 * The dimensions of a figure a question names, checked: a question no figure can
	 * answer (a cuboid without one of its dimensions or with another's, a province code
	 * that never existed, a restated province that is no unit today, a country in lower
	 * case) is a 400 saying why, never a zero figure that reads as "no investment".
	 */
	private static Map<String, String> coordinates(String cuboid, String province, String zone, String country,
			String sector) {
		Cuboid named = Cuboid.named(cuboid)
			.orElseThrow(() -> badRequest("A cuboid is one of " + Cuboid.names() + ", was \"" + cuboid + "\""));
		if (province != null) {
			requireProvince(named, province);
		}
		if (country != null && !COUNTRY.matcher(country).matches()) {
			throw badRequest("A country is an ISO 3166-1 alpha-2 code in capitals, e.g. KR, was \"" + country + "\"");
		}
		if (country != null && !Countries.isKnown(country)) {
			throw badRequest("Country " + country + " is no country's or territory's ISO 3166-1 alpha-2 code:"
					+ " e.g. KR (Korea), GB (United Kingdom), HK (Hong Kong)");
		}
		if (zone != null) {
			requireZone(zone, province);
		}
		if (sector != null && !SECTION.matcher(sector).matches()) {
			throw badRequest("A sector is a VSIC section, a capital letter A to V, was \"" + sector + "\"");
		}
		Map<String, String> dimensions = Total.dimensions(province, zone, country, sector);
		try {
			named.requireDimensions(dimensions.keySet());
		}
		catch (IllegalArgumentException ex) {
			throw badRequest(ex.getMessage());
		}
		return dimensions;
	}

	/**
	 * A zone the reference list has, under a unit its events may name (the ledger refuses
	 * any other): else its figure would be a zero by construction.
	 */
	private static void requireZone(String code, String province) {
		Zone zone = Zones.standard()
			.find(code)
			.orElseThrow(() -> badRequest("Zone " + code + " is no zone's code in the reference list of zones"));
		Set<String> units = zone.unitsThatMayNameIt();
		if (province != null && !units.contains(province)) {
			throw badRequest("Zone " + code + " lies in province " + zone.provinceCode() + ": its events name "
					+ String.join(" or ", units) + ", never province " + province);
		}
	}

	private static void requireProvince(Cuboid cuboid, String province) {
		if (!PROVINCE_CODE.matcher(province).matches()) {
			throw badRequest("A province code is two digits, was \"" + province + "\"");
		}
		Provinces provinces = Provinces.standard();
		if (provinces.unitsOf(province).isEmpty()) {
			throw badRequest("No province or city has had the code " + province + " since 1987");
		}
		if (cuboid == Cuboid.PROVINCE_RESTATED && !provinces.currentCodes().contains(province)) {
			String today = provinces.currentUnitOf(province).orElseThrow();
			throw badRequest("Province " + province + " (" + provinces.unitsOf(province).getLast().name()
					+ ") is no unit today: its territory is in " + today + " ("
					+ provinces.unitsOf(today).getLast().name() + "), so its figures restated are those of province="
					+ today + "; cuboid=province&province=" + province + " gives what it licensed");
		}
	}

	private static ResponseStatusException badRequest(String detail) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
	}

}
