package vn.investledger.producers.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import vn.investledger.events.EventEnvelope;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.Money;
import vn.investledger.events.Sector;

/**
 * Generates licences for the seed provinces from a seed: the same seed gives the same
 * events, ids included. Capital is long-tailed (log-normal around US$7 M for FDI and 265
 * tỷ đồng for DDI, with rare very large projects); partners follow the 2024 mix.
 */
public final class EventGenerator {

	/** A zone of a seed province. */
	record Zone(String provinceCode, String code, String name) {
	}

	/** A partner country with its relative weight and a typical investor. */
	record Partner(String country, int weight, String investor) {
	}

	static final List<Zone> ZONES = List.of(new Zone("31", "HP-DINH-VU-CAT-HAI", "KKT Đình Vũ – Cát Hải"),
			new Zone("31", "HP-DEEP-C", "KCN DEEP C"), new Zone("31", "HP-TRANG-DUE", "KCN Tràng Duệ"),
			new Zone("31", "HP-VSIP", "KCN VSIP Hải Phòng"), new Zone("31", "HP-NAM-CAU-KIEN", "KCN Nam Cầu Kiền"),
			new Zone("31", "HD-DAI-AN", "KCN Đại An"), new Zone("31", "HD-PHUC-DIEN", "KCN Phúc Điền"),
			new Zone("33", "HY-PHO-NOI-A", "KCN Phố Nối A"), new Zone("33", "HY-THANG-LONG-II", "KCN Thăng Long II"),
			new Zone("33", "TB-LIEN-HA-THAI", "KCN Liên Hà Thái"), new Zone("22", "QN-VAN-DON", "KKT Vân Đồn"),
			new Zone("22", "QN-TEXHONG-HAI-HA", "KCN Texhong Hải Hà"), new Zone("22", "QN-DONG-MAI", "KCN Đông Mai"),
			new Zone("51", "QNG-DUNG-QUAT", "KKT Dung Quất"), new Zone("51", "QNG-VSIP", "KCN VSIP Quảng Ngãi"));

	static final List<Partner> PARTNERS = List.of(new Partner("SG", 22, "Sembcorp Development Pte. Ltd."),
			new Partner("KR", 20, "LG Display Co., Ltd."), new Partner("CN", 18, "Jiangsu Xinquan Co., Ltd."),
			new Partner("HK", 12, "Hong Kong Ocean Holdings Ltd."), new Partner("JP", 12, "Kyocera Corporation"),
			new Partner("TW", 8, "Foxconn Singapore Pte. Ltd."), new Partner("US", 3, "Pacific Industrial LLC"),
			new Partner("FR", 2, "Saint-Gobain Vietnam SAS"), new Partner("IT", 1, "Brembo S.p.A."),
			new Partner("WS", 2, "Worldwide Samoa Investment Ltd."));

	private static final String[] PRODUCTS = { "linh kiện điện tử", "sợi và vải", "thiết bị y tế", "kho lạnh",
			"pin lithium", "khuôn mẫu chính xác", "bao bì giấy", "phụ tùng ô tô", "thép cán nguội", "dược phẩm" };

	private static final String[][] SECTORS = { { "C", "26" }, { "C", "13" }, { "C", "32" }, { "H", "52" },
			{ "C", "27" }, { "C", "25" }, { "C", "17" }, { "C", "29" }, { "C", "24" }, { "C", "21" } };

	private final Random random;

	private final LocalDate firstDate;

	private long sequence;

	public EventGenerator(long seed, LocalDate firstDate) {
		this.random = new Random(seed);
		this.firstDate = firstDate;
	}

	/**
	 * The next licence.
	 * @return a valid licence, revision 1
	 */
	public Licensed next() {
		this.sequence++;
		Zone zone = ZONES.get(this.random.nextInt(ZONES.size()));
		boolean fdi = this.random.nextInt(100) < 72;
		int product = this.random.nextInt(PRODUCTS.length);
		String projectCode = String.format("%s%08d", zone.provinceCode(), this.sequence);
		LocalDate effective = this.firstDate.plusDays(this.sequence / 40);
		EventEnvelope envelope = new EventEnvelope(EventEnvelope.CURRENT_SCHEMA_VERSION,
				new UUID(this.random.nextLong(), this.random.nextLong()), projectCode, 1L, zone.provinceCode(),
				effective, Instant.now());
		String enterpriseCode = String.format("%010d", Math.floorMod(this.random.nextLong(), 10_000_000_000L));
		Sector sector = new Sector(SECTORS[product][0], SECTORS[product][1]);
		if (fdi) {
			Partner partner = partner();
			return new Licensed(envelope, InvestmentType.FDI, "Nhà máy " + PRODUCTS[product] + " " + zone.name(),
					projectCode, enterpriseCode, List.of(new Investor(partner.investor(), partner.country())),
					zone.code(), sector, Money.ofMajor(longTail(7_000_000, 50_000), InvestmentType.FDI.currency()),
					BigDecimal.valueOf(5 + this.random.nextInt(400), 1), 50 + this.random.nextInt(3000), 50);
		}
		return new Licensed(envelope, InvestmentType.DDI, "Dự án " + PRODUCTS[product] + " " + zone.name(), null,
				enterpriseCode, List.of(new Investor("Công ty CP Đầu tư " + zone.name(), "VN")), zone.code(), sector,
				Money.vnd(longTail(265_000_000_000L, 1_000_000_000L).longValueExact()), null, null, null);
	}

	private Partner partner() {
		int total = PARTNERS.stream().mapToInt(Partner::weight).sum();
		int pick = this.random.nextInt(total);
		for (Partner partner : PARTNERS) {
			pick -= partner.weight();
			if (pick < 0) {
				return partner;
			}
		}
		return PARTNERS.get(0);
	}

	/**
	 * A log-normal amount around a median, rounded to a step, in whole major units.
	 */
	private BigDecimal longTail(long median, long step) {
		double factor = Math.exp(1.1 * this.random.nextGaussian());
		long amount = Math.max(step, Math.round(median * factor / step) * step);
		return BigDecimal.valueOf(amount);
	}

}
