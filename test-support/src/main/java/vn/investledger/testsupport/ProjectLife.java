package vn.investledger.testsupport;

import java.time.LocalDate;
import java.util.List;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.ContributionForm;
import vn.investledger.events.Disbursed;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.Resumed;
import vn.investledger.events.Sector;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;
import vn.investledger.events.TerminationReason;

/**
 * A whole FDI project's life, one valid event of every kind in revision order.
 */
public final class ProjectLife {

	private ProjectLife() {
	}

	/**
	 * Licensed US$20,000,000 → adjusted −US$2,500,000.50 → a share purchase of
	 * US$3,000,000 → disbursed US$5,000,000 → suspended → resumed → terminated.
	 * @param projectCode the project code
	 * @param provinceCode a seed province
	 * @return seven events, revisions 1 to 7
	 */
	public static List<LicensingEvent> of(String projectCode, String provinceCode) {
		LocalDate day = LocalDate.of(2024, 3, 15);
		Licensed licence = SampleEvents.withEnvelope(
				SampleEvents.fdiLicence(projectCode, provinceCode, Money.usd("20000000")),
				SampleEvents.envelope(projectCode, 1, provinceCode, day));
		return List.of(licence,
				new CapitalAdjusted(SampleEvents.envelope(projectCode, 2, provinceCode, day.plusMonths(2)),
						InvestmentType.FDI, 1, licence.ircNumber(), Money.usd("-2500000.50"), Money.usd("17499999.50")),
				new CapitalContributed(SampleEvents.envelope(projectCode, 3, provinceCode, day.plusMonths(3)),
						InvestmentType.FDI, ContributionForm.SHARE_PURCHASE, false, "0201234567",
						"Công ty TNHH Linh kiện", null, List.of(new Investor("Samsung Electro-Mechanics", "KR")),
						SampleEvents.zoneOf(provinceCode), new Sector("C", "26"), Money.usd("3000000")),
				new Disbursed(SampleEvents.envelope(projectCode, 4, provinceCode, day.plusMonths(4)),
						InvestmentType.FDI, Money.usd("5000000")),
				new Suspended(SampleEvents.envelope(projectCode, 5, provinceCode, day.plusMonths(5)),
						"Tạm ngừng để sửa chữa nhà xưởng", day.plusMonths(8)),
				new Resumed(SampleEvents.envelope(projectCode, 6, provinceCode, day.plusMonths(8)), null),
				new Terminated(SampleEvents.envelope(projectCode, 7, provinceCode, day.plusYears(1)),
						TerminationReason.INVESTOR_DECISION, "45/QĐ-BQL"));
	}

}
