package vn.investledger.events.reference;

import java.time.LocalDate;

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

	public boolean inForceOn(LocalDate date) {
		return (this.validFrom == null || !date.isBefore(this.validFrom))
				&& (this.validTo == null || !date.isAfter(this.validTo));
	}

}
