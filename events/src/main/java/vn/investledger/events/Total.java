package vn.investledger.events;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * A running figure the stream processor maintains for one cuboid (a set of dimensions),
 * one period and one investment type, as published on the totals topic. Flows count
 * events by their effective date; each amount is exact, in the type's currency (USD for
 * FDI, VND for DDI).
 *
 * @param cuboid the dimensions' names, e.g. {@code province}, {@code province+zone};
 * {@code national} for none
 * @param dimensions each dimension's value, e.g. {@code province=31}
 * @param period {@code all}, a year {@code 2024}, a quarter {@code 2024-Q1}, a month
 * {@code 2024-03} or a report month {@code 2024-R03} (see
 * {@link vn.investledger.events.rulebook.Periods})
 * @param investmentType FDI or DDI
 * @param newCapital registered capital of new projects
 * @param newProjects the number of new projects
 * @param adjustedCapital the signed sum of capital adjustments
 * @param adjustments the number of adjustment events
 * @param contributionCapital the value of capital contributions and share purchases
 * @param contributions the number of contribution and share purchase transactions
 * @param realisedCapital capital disbursed
 * @param newestEventAt the emission time of the newest event this figure reflects
 * @param usdEquivalent the flows in US dollars at the dated reference rates, naming the
 * rates applied; zero when built without one, but required in JSON, so that a figure read
 * without it is refused rather than taken as converted to US$0
 */
public record Total(String cuboid, Map<String, String> dimensions, String period, InvestmentType investmentType,
		Money newCapital, long newProjects, Money adjustedCapital, long adjustments, Money contributionCapital,
		long contributions, Money realisedCapital, Instant newestEventAt,
		@JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) UsdEquivalent usdEquivalent) {

	public Total {
		dimensions = Map.copyOf(dimensions);
		usdEquivalent = (usdEquivalent != null) ? usdEquivalent : UsdEquivalent.zero();
	}

	/**
	 * A zero figure.
	 * @param cuboid the cuboid
	 * @param dimensions its dimensions' values
	 * @param period the period
	 * @param type the investment type
	 * @return a figure with every amount and count zero and no newest event
	 */
	public static Total zero(String cuboid, Map<String, String> dimensions, String period, InvestmentType type) {
		return builder(cuboid, dimensions, period, type).build();
	}

	/**
	 * Starts a figure whose amounts and counts are all zero until set by name.
	 * @param cuboid the cuboid
	 * @param dimensions its dimensions' values
	 * @param period the period
	 * @param type the investment type
	 * @return a builder
	 */
	public static Builder builder(String cuboid, Map<String, String> dimensions, String period, InvestmentType type) {
		return new Builder(cuboid, dimensions, period, type);
	}

	/**
	 * The same amounts and counts as another figure's.
	 * @param cuboid the cuboid
	 * @param dimensions its dimensions' values
	 * @param period the period
	 * @return a copy at these coordinates
	 */
	public Total at(String cuboid, Map<String, String> dimensions, String period) {
		return new Total(cuboid, dimensions, period, this.investmentType, this.newCapital, this.newProjects,
				this.adjustedCapital, this.adjustments, this.contributionCapital, this.contributions,
				this.realisedCapital, this.newestEventAt, this.usdEquivalent);
	}

	/**
	 * The headline figure officials quote: new, adjusted and contributed capital together
	 * (tổng vốn đăng ký cấp mới, điều chỉnh và góp vốn, mua cổ phần).
	 * @return the sum, exact
	 */
	@JsonProperty(value = "registeredCapital", access = JsonProperty.Access.READ_ONLY)
	public Money registeredCapital() {
		return this.newCapital.plus(this.adjustedCapital).plus(this.contributionCapital);
	}

	/**
	 * The same figure with its flows converted to dollars.
	 * @param equivalent the flows in USD
	 * @return a copy holding the equivalent
	 */
	public Total withUsdEquivalent(UsdEquivalent equivalent) {
		return new Total(this.cuboid, this.dimensions, this.period, this.investmentType, this.newCapital,
				this.newProjects, this.adjustedCapital, this.adjustments, this.contributionCapital, this.contributions,
				this.realisedCapital, this.newestEventAt, equivalent);
	}

	/**
	 * Adds another figure of the same key: every amount and count, the USD equivalents,
	 * and the newer of the newest events.
	 * @param other a figure or a change of one
	 * @return the sum
	 */
	public Total plus(Total other) {
		Instant newest = newer(this.newestEventAt, other.newestEventAt);
		return new Total(this.cuboid, this.dimensions, this.period, this.investmentType,
				this.newCapital.plus(other.newCapital), this.newProjects + other.newProjects,
				this.adjustedCapital.plus(other.adjustedCapital), this.adjustments + other.adjustments,
				this.contributionCapital.plus(other.contributionCapital), this.contributions + other.contributions,
				this.realisedCapital.plus(other.realisedCapital), newest, this.usdEquivalent.plus(other.usdEquivalent));
	}

	/**
	 * The newer of two emission times, either of which may be unknown.
	 * @param one a time or {@code null}
	 * @param other a time or {@code null}
	 * @return the later one, {@code null} if both are
	 */
	public static Instant newer(Instant one, Instant other) {
		return (one == null || (other != null && other.isAfter(one))) ? other : one;
	}

	/**
	 * The dimensions of a figure from the values that name them; absent values are left
	 * out.
	 * @param province a province code, or {@code null}
	 * @param zone a zone code, or {@code null}
	 * @param country a country code, or {@code null}
	 * @param sector a VSIC section, or {@code null}
	 * @return the dimensions, in that order
	 */
	public static Map<String, String> dimensions(String province, String zone, String country, String sector) {
		Map<String, String> dimensions = new java.util.LinkedHashMap<>();
		if (province != null) {
			dimensions.put("province", province);
		}
		if (zone != null) {
			dimensions.put("zone", zone);
		}
		if (country != null) {
			dimensions.put("country", country);
		}
		if (sector != null) {
			dimensions.put("sector", sector);
		}
		return dimensions;
	}

	/**
	 * The figure's key on the totals topic and its document id in Elasticsearch.
	 * @return e.g. {@code province|province=31|all|FDI}
	 */
	@JsonIgnore
	public String key() {
		return keyOf(this.cuboid, this.dimensions, this.period, this.investmentType);
	}

	/**
	 * The key of a figure: {@code cuboid|dimensions|period|type}, the dimensions sorted
	 * by name as {@code name=value} pairs separated by commas.
	 * @param cuboid the cuboid
	 * @param dimensions its dimensions' values
	 * @param period the period
	 * @param type the investment type
	 * @return the key
	 */
	public static String keyOf(String cuboid, Map<String, String> dimensions, String period, InvestmentType type) {
		String[] names = dimensions.keySet().toArray(new String[0]);
		Arrays.sort(names);
		StringBuilder key = new StringBuilder(64).append(cuboid).append('|');
		for (int i = 0; i < names.length; i++) {
			key.append((i > 0) ? "," : "").append(names[i]).append('=').append(dimensions.get(names[i]));
		}
		return key.append('|').append(period).append('|').append(type).toString();
	}

	/**
	 * Builds a figure by naming its amounts and counts; those not named are zero.
	 */
	public static final class Builder {

		private final String cuboid;

		private final Map<String, String> dimensions;

		private final String period;

		private final InvestmentType type;

		private Money newCapital;

		private long newProjects;

		private Money adjustedCapital;

		private long adjustments;

		private Money contributionCapital;

		private long contributions;

		private Money realisedCapital;

		private Instant newestEventAt;

		private UsdEquivalent usdEquivalent = UsdEquivalent.zero();

		private Builder(String cuboid, Map<String, String> dimensions, String period, InvestmentType type) {
			this.cuboid = cuboid;
			this.dimensions = dimensions;
			this.period = period;
			this.type = type;
			Money zero = Money.zero(type.currency());
			this.newCapital = zero;
			this.adjustedCapital = zero;
			this.contributionCapital = zero;
			this.realisedCapital = zero;
		}

		/**
		 * New projects and their registered capital.
		 * @param count the number of new projects
		 * @param capital their registered capital
		 * @return this builder
		 */
		public Builder newProjects(long count, Money capital) {
			this.newProjects = count;
			this.newCapital = capital;
			return this;
		}

		/**
		 * Adjustment events and the signed sum of their capital changes.
		 * @param count the number of adjustment events
		 * @param capital the signed sum of their changes
		 * @return this builder
		 */
		public Builder adjustments(long count, Money capital) {
			this.adjustments = count;
			this.adjustedCapital = capital;
			return this;
		}

		/**
		 * Contribution and share purchase transactions and their value.
		 * @param count the number of transactions
		 * @param capital their value
		 * @return this builder
		 */
		public Builder contributions(long count, Money capital) {
			this.contributions = count;
			this.contributionCapital = capital;
			return this;
		}

		/**
		 * Capital disbursed.
		 * @param capital the sum disbursed
		 * @return this builder
		 */
		public Builder realised(Money capital) {
			this.realisedCapital = capital;
			return this;
		}

		/**
		 * The emission time of the newest event the figure reflects.
		 * @param at the time, or {@code null}
		 * @return this builder
		 */
		public Builder newestEventAt(Instant at) {
			this.newestEventAt = at;
			return this;
		}

		/**
		 * The flows in US dollars.
		 * @param equivalent the equivalent
		 * @return this builder
		 */
		public Builder usdEquivalent(UsdEquivalent equivalent) {
			this.usdEquivalent = equivalent;
			return this;
		}

		public Total build() {
			return new Total(this.cuboid, this.dimensions, this.period, this.type, this.newCapital, this.newProjects,
					this.adjustedCapital, this.adjustments, this.contributionCapital, this.contributions,
					this.realisedCapital, this.newestEventAt, this.usdEquivalent);
		}

	}

}
