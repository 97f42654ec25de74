package vn.investledger.events;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonProperty;

import vn.investledger.events.reference.UsdRate;

/**
 * A figure's flows in US dollars, so FDI (USD) and DDI (VND) can be added into one
 * combined figure. Each event is converted on its own at the reference rate of its
 * effective date, rounded half-even to the cent, and the cents are summed: the result is
 * exact for the rates it names. Dollar amounts are not converted.
 *
 * @param newCapital registered capital of new projects, USD
 * @param adjustedCapital the signed sum of capital adjustments, USD
 * @param contributionCapital contributions and share purchases, USD
 * @param realisedCapital capital disbursed, USD
 * @param rates the label of every rate applied, sorted; empty if nothing was converted
 * @param unconvertedEvents events in VND dated before the rate table starts: they count
 * in the figure but not in this equivalent
 */
public record UsdEquivalent(Money newCapital, Money adjustedCapital, Money contributionCapital, Money realisedCapital,
		List<String> rates, long unconvertedEvents) {

	private static final Money ZERO = Money.zero(Currency.USD);

	private static final UsdEquivalent NONE = new UsdEquivalent(ZERO, ZERO, ZERO, ZERO, List.of(), 0);

	public UsdEquivalent {
		requireDollars(newCapital);
		requireDollars(adjustedCapital);
		requireDollars(contributionCapital);
		requireDollars(realisedCapital);
		rates = sortedAndDistinct(Objects.requireNonNullElse(rates, List.of()));
	}

	private static void requireDollars(Money amount) {
		if (amount.currency() != Currency.USD) {
			throw new IllegalArgumentException("A USD equivalent holds dollars, was " + amount);
		}
	}

	private static List<String> sortedAndDistinct(List<String> rates) {
		for (int i = 1; i < rates.size(); i++) {
			if (rates.get(i - 1).compareTo(rates.get(i)) >= 0) {
				return List.copyOf(new TreeSet<>(rates));
			}
		}
		return List.copyOf(rates);
	}

	public static UsdEquivalent zero() {
		return NONE;
	}

	/**
	 * The equivalent of one event's change of a figure.
	 * @param change the change, in its original currency
	 * @param rate the rate of the event's effective date, empty if the table starts later
	 * @return the change in dollars, naming the rate if one was applied
	 */
	public static UsdEquivalent of(Total change, Optional<UsdRate> rate) {
		if (change.investmentType().currency() == Currency.USD) {
			return new UsdEquivalent(change.newCapital(), change.adjustedCapital(), change.contributionCapital(),
					change.realisedCapital(), List.of(), 0);
		}
		if (rate.isEmpty()) {
			return new UsdEquivalent(ZERO, ZERO, ZERO, ZERO, List.of(), 1);
		}
		UsdRate applied = rate.get();
		return new UsdEquivalent(applied.toUsd(change.newCapital()), applied.toUsd(change.adjustedCapital()),
				applied.toUsd(change.contributionCapital()), applied.toUsd(change.realisedCapital()),
				List.of(applied.label()), 0);
	}

	/**
	 * New, adjusted and contributed capital together, in dollars.
	 * @return the sum
	 */
	@JsonProperty(value = "registeredCapital", access = JsonProperty.Access.READ_ONLY)
	public Money registeredCapital() {
		return this.newCapital.plus(this.adjustedCapital).plus(this.contributionCapital);
	}

	/**
	 * Adds another equivalent: the amounts, the rates named and the unconverted events.
	 * @param other another equivalent
	 * @return the sum
	 */
	public UsdEquivalent plus(UsdEquivalent other) {
		if (other == NONE) {
			return this;
		}
		if (this == NONE) {
			return other;
		}
		List<String> rates = this.rates;
		if (!other.rates.isEmpty() && !this.rates.containsAll(other.rates)) {
			TreeSet<String> union = new TreeSet<>(this.rates);
			union.addAll(other.rates);
			rates = List.copyOf(union);
		}
		return new UsdEquivalent(this.newCapital.plus(other.newCapital),
				this.adjustedCapital.plus(other.adjustedCapital),
				this.contributionCapital.plus(other.contributionCapital),
				this.realisedCapital.plus(other.realisedCapital), rates,
				this.unconvertedEvents + other.unconvertedEvents);
	}

}
