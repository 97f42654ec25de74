package vn.investledger.events.reference;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The provinces a unit publishes the events of, day by day: its own code and those of the
 * units it absorbed, as the province tables give them on the day. A reorganisation in the
 * tables takes effect on its date in a service that runs across it: from then on the
 * absorbing unit publishes the absorbed units' events, and an absorbed unit none. The
 * answer is worked out once a day and remembered.
 */
public final class PublishingRights {

	private final String unit;

	private final Provinces provinces;

	private volatile Dated dated;

	private PublishingRights(String unit, Provinces provinces) {
		this.unit = unit;
		this.provinces = provinces;
	}

	/**
	 * A unit's rights by the shipped province tables.
	 * @param unit the unit's code
	 * @return its rights
	 */
	public static PublishingRights of(String unit) {
		return new PublishingRights(unit, Provinces.standard());
	}

	/**
	 * The unit's code.
	 * @return the code
	 */
	public String unit() {
		return this.unit;
	}

	/**
	 * The provinces whose events the unit publishes on a day.
	 * @param today the day in Vietnam
	 * @return two-digit codes, in order; none for a unit absorbed by then
	 */
	public Set<String> on(LocalDate today) {
		Dated known = this.dated;
		if (known == null || !known.on().equals(today)) {
			known = new Dated(today, Collections
				.unmodifiableSortedSet(new TreeSet<>(this.provinces.codesPublishableBy(this.unit, today))));
			this.dated = known;
		}
		return known.codes();
	}

	private record Dated(LocalDate on, Set<String> codes) {
	}

}
