package vn.investledger.events.reference;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An edition of the Vietnam Standard Industrial Classification and the days it is in
 * force: VSIC 2018 (Decision 27/2018/QĐ-TTg) until 14 November 2025, VSIC 2025 (Decision
 * 36/2025/QĐ-TTg) from 15 November 2025.
 *
 * @param name e.g. {@code VSIC 2025}
 * @param validFrom its first day, or {@code null} for the first edition of the table,
 * which also classifies every earlier event
 * @param validTo its last day, or {@code null} while it is in force
 */
public record VsicEdition(String name, LocalDate validFrom, LocalDate validTo) {

	public VsicEdition {
		Objects.requireNonNull(name, "name");
		if (name.isBlank()) {
			throw new IllegalArgumentException("An edition needs a name");
		}
		if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
			throw new IllegalArgumentException(name + " ends on " + validTo + ", before it starts on " + validFrom);
		}
	}

	/**
	 * Whether this edition classifies events of a date.
	 * @param date an effective date
	 * @return whether the date lies between its first and last day
	 */
	public boolean inForceOn(LocalDate date) {
		return (this.validFrom == null || !date.isBefore(this.validFrom))
				&& (this.validTo == null || !date.isAfter(this.validTo));
	}

	@Override
	public String toString() {
		return this.name;
	}

}
