package vn.investledger.events;

/**
 * How a foreign investor buys into a Vietnamese enterprise.
 */
public enum ContributionForm {

	/** Contribution of capital (góp vốn). */
	CAPITAL_CONTRIBUTION,

	/** Purchase of shares (mua cổ phần). */
	SHARE_PURCHASE,

	/** Purchase of a capital stake (mua phần vốn góp). */
	STAKE_PURCHASE

}
