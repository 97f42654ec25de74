package vn.investledger.events;

import java.util.List;

/**
 * A foreign investor contributes capital to, or buys shares or a stake of, a Vietnamese
 * enterprise (góp vốn, mua cổ phần, mua phần vốn góp). Counts as one transaction and adds
 * its amount to the period's contribution capital. The enterprise may have no IRC.
 *
 * @param envelope the envelope; its project code identifies the registration (the
 * enterprise code is fine)
 * @param investmentType FDI for a foreign investor (USD), DDI where a province also
 * records domestic ones (VND)
 * @param form contribution, share purchase or stake purchase
 * @param raisesCharterCapital whether the enterprise's charter capital rises
 * @param enterpriseCode the enterprise's code: 10 digits, or 10 + "-" + 3 for a branch
 * @param enterpriseName the enterprise's name, UTF-8
 * @param ircNumber the enterprise's IRC number, or {@code null} if it has none
 * @param investors the investors buying in, at least one; the first one's country is the
 * partner country
 * @param zoneCode the zone the enterprise is in, or {@code null}
 * @param sector the enterprise's VSIC 2018 sector
 * @param amount the value of the contribution or purchase, positive
 */
public record CapitalContributed(EventEnvelope envelope, InvestmentType investmentType, ContributionForm form,
		Boolean raisesCharterCapital, String enterpriseCode, String enterpriseName, String ircNumber,
		List<Investor> investors, String zoneCode, Sector sector, Money amount) implements LicensingEvent {

	@Override
	public EventKind kind() {
		return EventKind.CAPITAL_CONTRIBUTED;
	}

}
