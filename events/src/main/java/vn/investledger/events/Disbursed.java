package vn.investledger.events;

/**
 * Capital actually put into the project (giải ngân, vốn thực hiện). Adds to the period's
 * realised capital and to the project's cumulative realised capital.
 *
 * @param envelope the envelope
 * @param investmentType FDI or DDI, as licensed
 * @param amount the amount put in, positive, in the type's currency
 */
public record Disbursed(EventEnvelope envelope, InvestmentType investmentType, Money amount) implements LicensingEvent {

	@Override
	public EventKind kind() {
		return EventKind.DISBURSED;
	}

}
