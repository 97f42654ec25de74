package vn.investledger.events;

/**
 * A revised IRC changes the project's registered capital (điều chỉnh vốn, "thay đổi lần
 * thứ n"). Counts as one adjustment event and adds its signed change to the period's
 * adjusted capital; the stock's capital becomes {@code newRegisteredCapital}.
 *
 * @param envelope the envelope
 * @param investmentType FDI or DDI, as licensed
 * @param adjustmentNumber the n of "thay đổi lần thứ n", 1 or more
 * @param ircNumber the IRC number; mandatory for FDI
 * @param capitalChange the signed change, not zero, in the type's currency
 * @param newRegisteredCapital the registered capital after the change, not negative
 */
public record CapitalAdjusted(EventEnvelope envelope, InvestmentType investmentType, Integer adjustmentNumber,
		String ircNumber, Money capitalChange, Money newRegisteredCapital) implements LicensingEvent {

	@Override
	public EventKind kind() {
		return EventKind.CAPITAL_ADJUSTED;
	}

}
