package vn.investledger.benchmarks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.reference.Countries;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.VsicSection;
import vn.investledger.events.reference.VsicSections;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.reference.Zones;

/**
 * Seeded project states spread like the ledger's: every province in force before the 2025
 * merger, their zones, partner countries and sectors, FDI and DDI, some suspended and
 * terminated.
 */
final class BenchProjects {

	private static final String[] WORDS = { "Nhà máy", "Khu phức hợp", "Trung tâm", "Dự án", "Xưởng", "Điện tử",
			"Dệt may", "Cơ khí", "Logistics", "Năng lượng", "Linh kiện", "Chế biến", "Hải Phòng", "Đình Vũ",
			"Bắc Ninh" };

	private final Random random;

	private final List<String> provinces;

	private final Map<String, List<Zone>> zones = new TreeMap<>();

	private final List<String> countries;

	private final List<VsicSection> sectors = VsicSections.all();

	BenchProjects(long seed) {
		this.random = new Random(seed);
		this.provinces = new ArrayList<>(Provinces.standard().codesInForce(LocalDate.of(2024, 1, 1)));
		for (Zone zone : Zones.standard().all()) {
			this.zones.computeIfAbsent(zone.provinceCode(), (p) -> new ArrayList<>()).add(zone);
		}
		this.countries = new ArrayList<>(Countries.codes());
	}

	/**
	 * The state of project number {@code i}.
	 * @param i the project number
	 * @return its state
	 */
	ProjectState next(int i) {
		String code = "B" + String.format("%09d", i);
		String province = this.provinces.get(this.random.nextInt(this.provinces.size()));
		List<Zone> inProvince = this.zones.getOrDefault(province, List.of());
		String zone = (!inProvince.isEmpty() && this.random.nextInt(4) > 0)
				? inProvince.get(this.random.nextInt(inProvince.size())).code() : null;
		boolean fdi = this.random.nextInt(3) > 0;
		long revision = 1 + this.random.nextInt(5);
		int status = this.random.nextInt(20);
		Money capital = fdi
				? new Money(100_000_00L + this.random.nextLong(500_000_000_00L), vn.investledger.events.Currency.USD)
				: Money.vnd(1_000_000_000L + this.random.nextLong(10_000_000_000_000L));
		String name = WORDS[this.random.nextInt(WORDS.length)] + " " + WORDS[this.random.nextInt(WORDS.length)] + " "
				+ i;
		LocalDate licensedOn = LocalDate.of(2015, 1, 1).plusDays(this.random.nextInt(3900));
		String owner = vn.investledger.events.reference.Provinces.standard().currentUnitOf(province).orElse(province);
		return new ProjectState(code, revision, owner, List.of(), fdi ? InvestmentType.FDI : InvestmentType.DDI,
				province, name, List.of("Công ty " + WORDS[this.random.nextInt(WORDS.length)] + " " + (i % 997)), zone,
				fdi ? this.countries.get(this.random.nextInt(this.countries.size())) : "VN",
				this.sectors.get(this.random.nextInt(this.sectors.size())).letter(), null, licensedOn, licensedOn,
				(status == 0) ? ProjectStatus.TERMINATED
						: (status == 1) ? ProjectStatus.SUSPENDED : ProjectStatus.VALID,
				capital, null, null, Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i));
	}

	List<String> provinces() {
		return this.provinces;
	}

	List<String> countries() {
		return this.countries;
	}

}
