package vn.investledger.events.reference;

/**
 * A section of the Vietnamese Standard Industrial Classification 2018 (VSIC 2018,
 * Decision 27/2018/QĐ-TTg) with the range of its 2-digit divisions.
 *
 * @param letter A to U
 * @param name the section's Vietnamese name
 * @param firstDivision its first division
 * @param lastDivision its last division
 */
public record VsicSection(String letter, String name, int firstDivision, int lastDivision) {

	/**
	 * Whether a division or class (2 or 4 digits) belongs to this section.
	 * @param code a 2-digit division or a 4-digit class
	 * @return whether its division is in this section's range
	 */
	public boolean contains(String code) {
		int division = Integer.parseInt(code.substring(0, 2));
		return division >= this.firstDivision && division <= this.lastDivision;
	}

}
