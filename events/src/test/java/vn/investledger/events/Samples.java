package vn.investledger.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Valid events to start each test from; a test changes one thing and expects one
 * violation.
 */
final class Samples {

	private Samples() {
	}

	static EventEnvelope envelope() {
		return new EventEnvelope(1, UUID.fromString("6f1c2a4e-3b1d-4c8e-9a55-0e4e2b7c9d10"), "2104567890", 1L, "31",
				LocalDate.of(2024, 3, 15), Instant.parse("2024-03-15T03:00:00Z"));
	}

	/** An FDI licence in Tràng Duệ (Hải Phòng): US$1,000,000,000.50 exactly. */
	static Licensed fdiLicence() {
		return new Licensed(envelope(), InvestmentType.FDI, "Nhà máy sản xuất linh kiện điện tử LG Innotek Hải Phòng",
				"2104567890", "0201234567", List.of(new Investor("LG Innotek Co., Ltd.", "KR")), "HP-TRANG-DUE",
				new Sector("C", "26"), new Money(100_000_000_050L, Currency.USD), new BigDecimal("40.5"), 3000, 50);
	}

	/** A DDI licence with no IRC number, as the law allows: 265 tỷ đồng. */
	static Licensed ddiLicence() {
		return new Licensed(envelope(), InvestmentType.DDI, "Kho lạnh Đình Vũ", null, null,
				List.of(new Investor("Công ty CP Logistics Đình Vũ", "VN")), "HP-DINH-VU", new Sector("H", null),
				Money.vnd(265_000_000_000L), null, null, null);
	}

}
