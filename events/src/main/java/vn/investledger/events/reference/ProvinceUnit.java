package vn.investledger.events.reference;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * A provincial unit under a code for a span of time.
 *
 * @param code the two-digit code
 * @param name the unit's name during this span
 * @param validFrom first day in force, or {@code null} for since before the ledger's
 * records
 * @param validTo last day in force, or {@code null} for still in force
 * @param mergedInto the code of the unit that took it over when it ended, or {@code null}
 */
public record ProvinceUnit(String code, String name, LocalDate validFrom, LocalDate validTo, String mergedInto) {

	/**
	 * The units under one code in the order they came into force: a unit in force since
	 * before the ledger's records (no first day) before any that followed it, as Bắc
	 * Giang (24, until 30 June 2025) before Bắc Ninh (24, from 1 July 2025).
	 */
	public static final Comparator<ProvinceUnit> BY_VALIDITY = Comparator.comparing(ProvinceUnit::validFrom,
			Comparator.nullsFirst(Comparator.naturalOrder()));

	public boolean inForceOn(LocalDate date) {
		return (this.validFrom == null || !date.isBefore(this.validFrom))
				&& (this.validTo == null || !date.isAfter(this.validTo));
	}

	/**
	 * Whether the unit was in force on at least one day of a span.
	 * @param from the span's first day
	 * @param to its last day
	 * @return {@code true} if the unit's days and the span's meet
	 */
	public boolean inForceDuring(LocalDate from, LocalDate to) {
		return (this.validFrom == null || !this.validFrom.isAfter(to))
				&& (this.validTo == null || !this.validTo.isBefore(from));
	}

}
