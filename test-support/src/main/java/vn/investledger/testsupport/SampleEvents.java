package vn.investledger.testsupport;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import vn.investledger.events.EventEnvelope;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.Sector;

/**
 * Valid licensing events for tests, with Vietnamese text and exact money.
 */
public final class SampleEvents {

	private SampleEvents() {
	}

	/**
	 * An FDI licence.
	 * @param projectCode the project code
	 * @param provinceCode the licensing province
	 * @param capital registered capital in USD
	 * @return a valid licence, revision 1
	 */
	public static Licensed fdiLicence(String projectCode, String provinceCode, Money capital) {
		return new Licensed(envelope(projectCode, 1, provinceCode, LocalDate.of(2024, 3, 15)), InvestmentType.FDI,
				"Nhà máy linh kiện điện tử " + projectCode, "IRC-" + projectCode, "0201234567",
				List.of(new Investor("LG Innotek Co., Ltd.", "KR")), zoneOf(provinceCode), new Sector("C", "26"),
				capital, new BigDecimal("12.5"), 800, 50);
	}

	/**
	 * A DDI licence with no IRC number.
	 * @param projectCode the project code
	 * @param provinceCode the licensing province
	 * @param capital registered capital in VND
	 * @return a valid licence, revision 1
	 */
	public static Licensed ddiLicence(String projectCode, String provinceCode, Money capital) {
		return new Licensed(envelope(projectCode, 1, provinceCode, LocalDate.of(2024, 4, 2)), InvestmentType.DDI,
				"Kho lạnh Đình Vũ " + projectCode, null, null,
				List.of(new Investor("Công ty CP Logistics Đình Vũ", "VN")), zoneOf(provinceCode),
				new Sector("H", "52"), capital, null, null, null);
	}

	/**
	 * A zone of the province from the reference list, or none for a province without one
	 * there.
	 * @param provinceCode a seed province
	 * @return a zone code, or {@code null}
	 */
	public static String zoneOf(String provinceCode) {
		return switch (provinceCode) {
			case "31" -> "HP-TRANG-DUE";
			case "33" -> "HY-PHO-NOI-A";
			case "22" -> "QN-DONG-MAI";
			case "51" -> "QNG-DUNG-QUAT";
			case "30" -> "HD-DAI-AN";
			default -> null;
		};
	}

	public static EventEnvelope envelope(String projectCode, long revision, String provinceCode,
			LocalDate effectiveDate) {
		return new EventEnvelope(EventEnvelope.CURRENT_SCHEMA_VERSION, UUID.randomUUID(), projectCode, revision,
				provinceCode, effectiveDate, Instant.now());
	}

	/**
	 * The same licence under another envelope, e.g. to make it invalid or to change its
	 * province.
	 * @param licence the licence
	 * @param envelope the new envelope
	 * @return a copy
	 */
	public static Licensed withEnvelope(Licensed licence, EventEnvelope envelope) {
		return new Licensed(envelope, licence.investmentType(), licence.projectName(), licence.ircNumber(),
				licence.enterpriseCode(), licence.investors(), licence.zoneCode(), licence.sector(),
				licence.registeredCapital(), licence.landAreaHa(), licence.plannedEmployment(),
				licence.durationYears());
	}

}
