package vn.investledger.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

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
				List.of(new Investor("Công ty CP Logistics Đình Vũ", "VN")), "HP-DINH-VU-CAT-HAI",
				new Sector("H", null), Money.vnd(265_000_000_000L), null, null, null);
	}

	/**
	 * A second revision of the FDI licence's project: +US$250,000,000.00, now
	 * US$1,250,000,000.50.
	 */
	static CapitalAdjusted adjustment() {
		return new CapitalAdjusted(envelope(2), InvestmentType.FDI, 1, "2104567890", Money.usd("250000000"),
				Money.usd("1250000000.50"));
	}

	/**
	 * A Japanese investor buys shares of a Hải Phòng company that has no IRC, raising its
	 * charter capital.
	 */
	static CapitalContributed contribution() {
		return new CapitalContributed(envelope(1), InvestmentType.FDI, ContributionForm.SHARE_PURCHASE, true,
				"0201234567-001", "Công ty CP Cảng Nam Đình Vũ", null,
				List.of(new Investor("Kyocera Corporation", "JP")), "HP-NAM-DINH-VU", new Sector("H", "5222"),
				Money.usd("12500000"));
	}

	static Disbursed disbursement() {
		return new Disbursed(envelope(3), InvestmentType.FDI, Money.usd("80000000"));
	}

	static Suspended suspension() {
		return new Suspended(envelope(4), "Tạm ngừng để tái cơ cấu", LocalDate.of(2024, 12, 31));
	}

	static Resumed resumption() {
		return new Resumed(envelope(5), null);
	}

	static Terminated termination() {
		return new Terminated(envelope(6), TerminationReason.IRC_REVOKED, "123/QĐ-BQL");
	}

	/** One valid event of every kind. */
	static Stream<LicensingEvent> everyKind() {
		return Stream.of(fdiLicence(), ddiLicence(), adjustment(), contribution(), disbursement(), suspension(),
				resumption(), termination());
	}

	static EventEnvelope envelope(long revision) {
		EventEnvelope e = envelope();
		return new EventEnvelope(e.schemaVersion(), UUID.nameUUIDFromBytes(("event-" + revision).getBytes()),
				e.projectCode(), revision, e.provinceCode(), e.effectiveDate().plusDays(revision), e.emittedAt());
	}

}
