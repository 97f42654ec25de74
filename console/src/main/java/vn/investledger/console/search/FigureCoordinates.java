package vn.investledger.console.search;

import java.util.Arrays;
import java.util.Map;

import jakarta.validation.constraints.Pattern;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Total;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.rulebook.Cuboid;
import vn.investledger.events.rulebook.Periods;
import vn.investledger.console.system.TypeParameter;

/**
 * Which figure: its cuboid, the values of the cuboid's dimensions and the investment
 * type. Bound from the query string through setters, as {@link ProjectFilters} is.
 * <p>
 * A parameter left out takes its default (cuboid national, type FDI and, through
 * {@link #periodOf}, the period {@code all}), but one given empty is refused by its
 * pattern, which no empty value matches: Spring would read an empty enum as none, and
 * {@code type=} answer the FDI figure to someone who asked for another.
 */
public final class FigureCoordinates {

	static final String CUBOID_MESSAGE = "a cuboid is national, province, province-restated, province+zone, "
			+ "province+country, province+sector, country or sector";

	/**
	 * The grammar of a type: the names of {@link InvestmentType}, never empty
	 * ({@code SearchApiTests} checks it against them).
	 */
	static final String TYPE_GRAMMAR = TypeParameter.GRAMMAR;

	static final String TYPE_MESSAGE = TypeParameter.MESSAGE;

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

	@Pattern(regexp = TYPE_GRAMMAR, message = TYPE_MESSAGE)
	private String type;

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
	 * FDI (default) or DDI, as given.
	 * @return the type, or {@code null} if left out
	 */
	public String getType() {
		return this.type;
	}

	public void setType(String type) {
		this.type = type;
	}

	/**
	 * The investment type of the figure.
	 * @return the type given, FDI if left out
	 */
	InvestmentType investmentType() {
		return typeOf(this.type);
	}

	/**
	 * The investment type a {@code type} parameter names.
	 * @param type the parameter as given, {@link #TYPE_GRAMMAR}, or {@code null} if left
	 * out
	 * @return the type, FDI if left out
	 * @throws BadSearchException if the parameter names no type (given empty, say)
	 */
	static InvestmentType typeOf(String type) {
		if (type == null) {
			return InvestmentType.FDI;
		}
		return Arrays.stream(InvestmentType.values())
			.filter((named) -> named.name().equals(type))
			.findFirst()
			.orElseThrow(() -> new BadSearchException("type: " + TYPE_MESSAGE + ", was \"" + type + "\""));
	}

	/**
	 * The period a {@code period} parameter names.
	 * @param period the parameter as given, or {@code null} if left out
	 * @return the period, {@code all} if left out
	 */
	static String periodOf(String period) {
		return (period != null) ? period : Periods.ALL;
	}

	/**
	 * The key of the figure in a period.
	 * @param period the period ({@code stock} for the stock)
	 * @return the key
	 * @throws BadSearchException if no figure answers the coordinates (see
	 * {@link #checkedCuboid()})
	 */
	String key(String period) {
		checkedCuboid();
		return Total.keyOf(this.cuboid, dimensions(), period, investmentType());
	}

	/**
	 * The cuboid, named with exactly its dimensions, each a code that can have a figure.
	 * @return the cuboid
	 * @throws BadSearchException if there is no such cuboid, other dimensions are given,
	 * or a code names nothing a figure is kept for (a province code that never named a
	 * unit, a restated province that is no unit today, a country or a zone no reference
	 * table knows): such a figure does not exist, and its zero would read as no
	 * investment (not "no figure indexed yet" either)
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
		if (this.province != null) {
			requireProvince(named, this.province);
		}
		ReferenceCodes.requireZone("zone", this.zone);
		ReferenceCodes.requireZoneUnder(this.province, this.zone);
		ReferenceCodes.requireCountry("country", this.country);
		return named;
	}

	/**
	 * Checks that a province names a unit a figure of the cuboid is kept for, as the
	 * processor's figures do: a code that denoted a unit since 1987, and for
	 * {@code province-restated} a unit of today.
	 * @param cuboid the figure's cuboid
	 * @param province the province's code
	 * @throws BadSearchException if it names none, saying which code to ask for instead
	 */
	static void requireProvince(Cuboid cuboid, String province) {
		Provinces provinces = Provinces.standard();
		if (provinces.unitsOf(province).isEmpty()) {
			throw new BadSearchException("No province or city has had the code " + province + " since 1987");
		}
		if (cuboid == Cuboid.PROVINCE_RESTATED && !provinces.currentCodes().contains(province)) {
			String today = provinces.currentUnitOf(province).orElseThrow();
			throw new BadSearchException("Province " + province + " (" + provinces.unitsOf(province).getLast().name()
					+ ") is no unit today: its territory is in " + today + " ("
					+ provinces.unitsOf(today).getLast().name() + "), so its figures restated are those of province="
					+ today + "; cuboid=province&province=" + province + " gives what it licensed");
		}
	}

	/**
	 * The dimensions given.
	 * @return each given dimension's value by its name in a figure
	 */
	Map<String, String> dimensions() {
		return Total.dimensions(this.province, this.zone, this.country, this.sector);
	}

}
