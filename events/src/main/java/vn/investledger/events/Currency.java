package vn.investledger.events;

/**
 * Currencies the ledger records. FDI is recorded in US dollars as written on the IRC, DDI
 * in Vietnamese đồng; amounts are always integers of the currency's minor unit.
 */
public enum Currency {

	/** US dollar; minor unit the cent. */
	USD(2),

	/** Vietnamese đồng; it has no minor unit in use, so one unit is one đồng. */
	VND(0);

	private final int minorUnitDigits;

	Currency(int minorUnitDigits) {
		this.minorUnitDigits = minorUnitDigits;
	}

	/**
	 * The number of decimal digits between a major and a minor unit (2 for USD, 0 for
	 * VND).
	 * @return the ISO 4217 exponent
	 */
	public int minorUnitDigits() {
		return this.minorUnitDigits;
	}

}
