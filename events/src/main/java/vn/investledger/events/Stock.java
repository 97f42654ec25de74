package vn.investledger.events;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The stock of valid projects (lũy kế dự án còn hiệu lực) for one cuboid and investment
 * type, as published on the stock topic. A project is in the stock from its licence until
 * it is terminated; a suspended project stays in it and is counted apart. Figures change
 * when a project's state changes: the old state's part is taken out and the new one's put
 * in.
 *
 * @param cuboid the dimensions' names, as for {@link Total}
 * @param dimensions each dimension's value
 * @param investmentType FDI or DDI
 * @param validProjects projects licensed and not terminated, suspended ones included
 * @param suspendedProjects of those, the suspended ones
 * @param registeredCapital their current registered capital
 * @param realisedCapital their cumulative realised capital
 * @param newestEventAt the emission time of the newest event reflected
 */
public record Stock(String cuboid, Map<String, String> dimensions, InvestmentType investmentType, long validProjects,
		long suspendedProjects, Money registeredCapital, Money realisedCapital, Instant newestEventAt) {

	/** The period of every stock key. */
	public static final String PERIOD = "stock";

	public Stock {
		dimensions = Map.copyOf(dimensions);
	}

	public static Stock zero(String cuboid, Map<String, String> dimensions, InvestmentType type) {
		Money zero = Money.zero(type.currency());
		return new Stock(cuboid, dimensions, type, 0, 0, zero, zero, null);
	}

	/**
	 * The same counts and amounts at other coordinates.
	 * @param cuboid the cuboid
	 * @param dimensions its dimensions' values
	 * @return a copy
	 */
	public Stock at(String cuboid, Map<String, String> dimensions) {
		return new Stock(cuboid, dimensions, this.investmentType, this.validProjects, this.suspendedProjects,
				this.registeredCapital, this.realisedCapital, this.newestEventAt);
	}

	/**
	 * The sum of two parts of the same figure, stamped with the newer of their newest
	 * events.
	 * @param other another part of this figure (a negative one takes a project out)
	 * @return the sum
	 */
	public Stock plus(Stock other) {
		return new Stock(this.cuboid, this.dimensions, this.investmentType, this.validProjects + other.validProjects,
				this.suspendedProjects + other.suspendedProjects, this.registeredCapital.plus(other.registeredCapital),
				this.realisedCapital.plus(other.realisedCapital), Total.newer(this.newestEventAt, other.newestEventAt));
	}

	/**
	 * The key on the stock topic: {@code cuboid|dimensions|stock|type}.
	 * @return the key
	 */
	@JsonIgnore
	public String key() {
		return Total.keyOf(this.cuboid, this.dimensions, PERIOD, this.investmentType);
	}

}
