package vn.investledger.indexer.search;

import java.util.Map;

import jakarta.validation.constraints.Pattern;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Total;

/**
 * Which figure: its cuboid, the values of the cuboid's dimensions and the investment
 * type.
 *
 * @param cuboid national (default), province, province-restated, province+zone,
 * province+country, province+sector, country or sector
 * @param province the province (as licensed, or restated for {@code province-restated})
 * @param zone the zone
 * @param country the partner country
 * @param sector the VSIC section
 * @param type FDI (default) or DDI
 */
public record FigureCoordinates(@Pattern(regexp = CUBOIDS, message = CUBOID_MESSAGE) String cuboid,
		@Pattern(regexp = "\\d{2}", message = ProjectFilters.PROVINCE) String province,
		@Pattern(regexp = "[A-Za-z0-9_-]{1,40}", message = "a code has 1 to 40 letters, digits, - or _") String zone,
		@Pattern(regexp = "[A-Z]{2}", message = "a country is an ISO 3166-1 alpha-2 code, e.g. KR") String country,
		@Pattern(regexp = "[A-U]", message = "a sector is a VSIC section letter, A to U") String sector,
		InvestmentType type) {

	static final String CUBOIDS = "national|province|province-restated|province\\+zone|province\\+country|province\\+sector|country|sector";

	static final String CUBOID_MESSAGE = "a cuboid is national, province, province-restated, province+zone, province+country, province+sector, country or sector";

	public FigureCoordinates {
		cuboid = (cuboid != null) ? cuboid : "national";
		type = (type != null) ? type : InvestmentType.FDI;
	}

	/**
	 * The key of the figure in a period.
	 * @param period the period ({@code stock} for the stock)
	 * @return the key
	 */
	String key(String period) {
		Map<String, String> dimensions = Total.dimensions(this.province, this.zone, this.country, this.sector);
		return Total.keyOf(this.cuboid, dimensions, period, this.type);
	}

}
