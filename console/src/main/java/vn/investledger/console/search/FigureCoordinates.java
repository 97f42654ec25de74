package vn.investledger.console.search;

import java.util.Map;

import jakarta.validation.constraints.Pattern;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Total;
import vn.investledger.events.rulebook.Cuboid;

/**
 * Which figure: its cuboid, the values of the cuboid's dimensions and the investment
 * type. Bound from the query string through setters, as {@link ProjectFilters} is.
 */
public final class FigureCoordinates {

	static final String CUBOID_MESSAGE = "a cuboid is national, province, province-restated, province+zone, "
			+ "province+country, province+sector, country or sector";

	@Pattern(regexp = Cuboid.GRAMMAR, message = CUBOID_MESSAGE)
	private String cuboid = "national";

	@Pattern(regexp = "\\d{2}", message = ProjectFilters.PROVINCE)
	private String province;

	@Pattern(regexp = ProjectFilters.ZONE_GRAMMAR,
			message = "a zone code has 1 to 40 letters, digits, - or _ (no spaces), e.g. HP-DINH-VU-CAT-HAI")
	private String zone;

	@Pattern(regexp = "[A-Z]{2}", message = "a country is an ISO 3166-1 alpha-2 code, e.g. KR")
	private String country;

	@Pattern(regexp = "[A-V]", message = "a sector is a VSIC section letter, A to V")
	private String sector;

	private InvestmentType type = InvestmentType.FDI;

	/**
	 * National (default), province, province-restated, province+zone, province+country,
	 * province+sector, country or sector.
	 * @return the cuboid
	 */
	public String getCuboid() {
		return this.cuboid;
	}

	public void setCuboid(String cuboid) {
		this.cuboid = (cuboid != null) ? cuboid : "national";
	}

	/**
	 * The province (as licensed, or restated for {@code province-restated}).
	 * @return the code, or {@code null}
	 */
	public String getProvince() {
		return this.province;
	}

	public void setProvince(String province) {
		this.province = province;
	}

	/**
	 * The zone.
	 * @return the code, or {@code null}
	 */
	public String getZone() {
		return this.zone;
	}

	public void setZone(String zone) {
		this.zone = zone;
	}

	/**
	 * The partner country.
	 * @return the code, or {@code null}
	 */
	public String getCountry() {
		return this.country;
	}

	public void setCountry(String country) {
		this.country = country;
	}

	/**
	 * The VSIC section.
	 * @return the section, or {@code null}
	 */
	public String getSector() {
		return this.sector;
	}

	public void setSector(String sector) {
		this.sector = sector;
	}

	/**
	 * FDI (default) or DDI.
	 * @return the type
	 */
	public InvestmentType getType() {
		return this.type;
	}

	public void setType(InvestmentType type) {
		this.type = (type != null) ? type : InvestmentType.FDI;
	}

	/**
	 * The key of the figure in a period.
	 * @param period the period ({@code stock} for the stock)
	 * @return the key
	 */
	String key(String period) {
		checkedCuboid();
		return Total.keyOf(this.cuboid, dimensions(), period, this.type);
	}

	/**
	 * The cuboid, named with exactly its dimensions.
	 * @return the cuboid
	 * @throws BadSearchException if there is no such cuboid, or other dimensions are
	 * given: such a figure does not exist (not "no figure indexed yet")
	 */
	Cuboid checkedCuboid() {
		Cuboid named = Cuboid.named(this.cuboid)
			.orElseThrow(() -> new BadSearchException("No cuboid " + this.cuboid + "; one of " + Cuboid.names()));
		try {
			named.requireDimensions(dimensions().keySet());
		}
		catch (IllegalArgumentException ex) {
			throw new BadSearchException(ex.getMessage());
		}
		return named;
	}

	/**
	 * The dimensions given.
	 * @return each given dimension's value by its name in a figure
	 */
	Map<String, String> dimensions() {
		return Total.dimensions(this.province, this.zone, this.country, this.sector);
	}

}
