package vn.investledger.events;

/**
 * Who invests: foreign (FDI, recorded in USD, an IRC is mandatory) or domestic (DDI,
 * recorded in VND, the IRC is optional).
 */
public enum InvestmentType {

	FDI(Currency.USD),

	DDI(Currency.VND);

	private final Currency currency;

	InvestmentType(Currency currency) {
		this.currency = currency;
	}

	/**
	 * The currency that capital of this type is recorded in.
	 * @return USD for FDI, VND for DDI
	 */
	public Currency currency() {
		return this.currency;
	}

}
