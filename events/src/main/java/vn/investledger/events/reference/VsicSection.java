package vn.investledger.events.reference;

import java.util.Objects;

/**
 * A section of an edition of the Vietnam Standard Industrial Classification, with the
 * range of its two-digit divisions. The same letter can mean different things in two
 * editions: K is finance in VSIC 2018 and telecommunications and computing in VSIC 2025.
 *
 * @param edition the edition it belongs to
 * @param letter A to U in VSIC 2018, A to V in VSIC 2025
 * @param name the section's Vietnamese name
 * @param firstDivision its first division
 * @param lastDivision its last division
 */
public record VsicSection(VsicEdition edition, String letter, String name, int firstDivision, int lastDivision) {

	public VsicSection {
		Objects.requireNonNull(edition, "edition");
		Objects.requireNonNull(letter, "letter");
		if (firstDivision < 1 || lastDivision > 99 || lastDivision < firstDivision) {
			throw new IllegalArgumentException("Section " + letter + " of " + edition + ": divisions " + firstDivision
					+ " to " + lastDivision + " are not a range of two-digit divisions");
		}
	}

	/**
	 * Whether a division or class belongs to this section.
	 * @param code a 2-digit division or a 4-digit class, e.g. {@code 62} or {@code 6201}
	 * @return whether its division is in this section's range ({@code false} for anything
	 * but 2 or 4 digits)
	 */
	public boolean contains(String code) {
		int division = division(code);
		return division >= this.firstDivision && division <= this.lastDivision;
	}

	/**
	 * The section's divisions as a reader writes them.
	 * @return e.g. {@code 64–66}, or {@code 68} for a section of one division
	 */
	public String divisions() {
		return (this.firstDivision == this.lastDivision) ? twoDigits(this.firstDivision)
				: twoDigits(this.firstDivision) + "–" + twoDigits(this.lastDivision);
	}

	/**
	 * The division of a code.
	 * @param code a 2-digit division or a 4-digit class
	 * @return its first two digits as a number, or -1 if it is not 2 or 4 digits
	 */
	static int division(String code) {
		if (code == null || (code.length() != 2 && code.length() != 4)) {
			return -1;
		}
		for (int i = 0; i < code.length(); i++) {
			if (code.charAt(i) < '0' || code.charAt(i) > '9') {
				return -1;
			}
		}
		return (code.charAt(0) - '0') * 10 + (code.charAt(1) - '0');
	}

	static String twoDigits(int division) {
		return (division < 10) ? "0" + division : Integer.toString(division);
	}

}
