package vn.investledger.producers.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.ContributionForm;
import vn.investledger.events.Disbursed;
import vn.investledger.events.EventEnvelope;
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
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.events.reference.VsicSection;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.reference.Zones;

/**
 * A realistic, deterministic stream of licensing events for the seed provinces: the same
 * seed gives the same events, ids and all. Projects are licensed in the reference zones,
 * then adjusted (a quarter of adjustments reduce capital), bought into, disbursed,
 * suspended, resumed and terminated. FDI capital is log-normal around US$7 M with a rare
 * US$0.5–1.5 bn project; DDI around 265 tỷ đồng. Partners follow the 2024 mix. The
 * calendar runs from the start date at {@code eventsPerDay} and never passes today, so a
 * run crosses the 1 July 2025 merger: afterwards the absorbing unit licenses the absorbed
 * unit's projects. About 2% of deliveries repeat an earlier event (a retry) and 2% are
 * held back and delivered late, out of order.
 */
public final class EventGenerator {

	/**
	 * A partner country with its relative weight in 2024's registered capital and a
	 * typical investor.
	 */
	record Partner(String country, int weight, String investor) {
	}

	static final List<Partner> PARTNERS = List.of(new Partner("SG", 22, "Sembcorp Development Pte. Ltd."),
			new Partner("KR", 20, "LG Display Co., Ltd."), new Partner("CN", 18, "Jiangsu Xinquan Co., Ltd."),
			new Partner("HK", 12, "Hong Kong Ocean Holdings Ltd."), new Partner("JP", 12, "Kyocera Corporation"),
			new Partner("TW", 8, "Foxconn Singapore Pte. Ltd."), new Partner("US", 3, "Pacific Industrial LLC"),
			new Partner("FR", 2, "Saint-Gobain Vietnam SAS"), new Partner("IT", 1, "Brembo S.p.A."),
			new Partner("WS", 2, "Worldwide Samoa Investment Ltd."));

	/**
	 * What a project makes or does, and its VSIC division: the division keeps its number
	 * across editions, its section letter is the one of the edition in force on the
	 * event's date (software, 62, is in J of VSIC 2018 and in K of VSIC 2025; an
	 * industrial park's infrastructure, 68, in L and then M).
	 */
	record Product(String name, String division, String project) {

		Product(String name, String division) {
			this(name, division, null);
		}

		/**
		 * A project's name: its own, or a factory (FDI) or project (DDI) of the product.
		 */
		String projectName(boolean fdi) {
			return (this.project != null) ? this.project : (fdi ? "Nhà máy " : "Dự án ") + this.name;
		}

	}

	static final List<Product> PRODUCTS = List.of(new Product("linh kiện điện tử", "26"),
			new Product("sợi và vải", "13"), new Product("thiết bị y tế", "32"), new Product("kho lạnh", "52"),
			new Product("pin lithium", "27"), new Product("khuôn mẫu chính xác", "25"),
			new Product("bao bì giấy", "17"), new Product("phụ tùng ô tô", "29"), new Product("thép cán nguội", "24"),
			new Product("dược phẩm", "21"),
			new Product("phần mềm nhúng", "6201", "Trung tâm phát triển phần mềm nhúng"),
			new Product("hạ tầng khu công nghiệp", "6810", "Dự án đầu tư kinh doanh hạ tầng"));

	private static final List<Zone> ZONES = Zones.standard().all();

	/** A project the generator has licensed and follows. */
	private static final class Project {

		final String code;

		final Zone zone;

		final InvestmentType type;

		final String irc;

		final int product;

		long capital;

		long revision = 1;

		int adjustments;

		boolean suspended;

		Project(String code, Zone zone, InvestmentType type, String irc, int product, long capital) {
			this.code = code;
			this.zone = zone;
			this.type = type;
			this.irc = irc;
			this.product = product;
			this.capital = capital;
		}

	}

	private final Random random;

	private final LocalDate start;

	private final LocalDate today;

	private final int eventsPerDay;

	private final Supplier<Instant> clock;

	private final List<Project> live = new ArrayList<>();

	private final List<LicensingEvent> delivered = new ArrayList<>();

	private final Deque<LicensingEvent> heldBack = new ArrayDeque<>();

	private long sequence;

	/**
	 * Creates a generator.
	 * @param seed the seed
	 * @param start the first effective date
	 * @param today the last effective date it may use
	 * @param eventsPerDay events per simulated day
	 * @param clock the emission time of each event
	 */
	public EventGenerator(long seed, LocalDate start, LocalDate today, int eventsPerDay, Supplier<Instant> clock) {
		this.random = new Random(seed);
		this.start = start;
		this.today = today;
		this.eventsPerDay = eventsPerDay;
		this.clock = clock;
	}

	/**
	 * The next event to deliver: usually a new one, sometimes a retry of an earlier one
	 * or one held back.
	 * @return a valid event
	 */
	public LicensingEvent next() {
		int roll = this.random.nextInt(100);
		if (roll < 2 && !this.delivered.isEmpty()) {
			return this.delivered.get(this.random.nextInt(this.delivered.size()));
		}
		if (roll < 5 && !this.heldBack.isEmpty()) {
			return this.heldBack.poll();
		}
		LicensingEvent event = create();
		if (roll >= 98 && this.heldBack.size() < 50) {
			this.heldBack.add(event);
			return next();
		}
		this.delivered.add(event);
		if (this.delivered.size() > 10_000) {
			this.delivered.remove(0);
		}
		return event;
	}

	/**
	 * Delivers every event still held back, in the order they were held: what a test that
	 * stops the stream publishes last, so that no later revision waits for an earlier one
	 * that never comes.
	 * @return the held events, now delivered
	 */
	public List<LicensingEvent> releaseHeldBack() {
		List<LicensingEvent> released = new ArrayList<>(this.heldBack);
		this.heldBack.clear();
		this.delivered.addAll(released);
		return released;
	}

	/**
	 * The current province that publishes an event: the event's own, or the unit that
	 * absorbed it.
	 * @param event an event
	 * @return a two-digit code in force today
	 */
	public String publishingProvince(LicensingEvent event) {
		return Provinces.standard()
			.unitOn(event.envelope().provinceCode(), event.envelope().effectiveDate(), this.today);
	}

	private LicensingEvent create() {
		this.sequence++;
		LocalDate date = this.start.plusDays(this.sequence / this.eventsPerDay);
		if (date.isAfter(this.today)) {
			date = this.today;
		}
		int roll = this.random.nextInt(100);
		if (this.live.size() < 20 || roll < 40) {
			return licence(date);
		}
		Project project = this.live.get(this.random.nextInt(this.live.size()));
		if (roll < 52) {
			return contribution(date);
		}
		project.revision++;
		if (project.suspended) {
			if (roll < 70) {
				project.suspended = false;
				return new Resumed(envelope(project, date), null);
			}
			return terminate(project, date);
		}
		if (roll < 72) {
			return adjust(project, date);
		}
		if (roll < 92) {
			long amount = Math.max(1, project.capital / (2 + this.random.nextInt(6)));
			return new Disbursed(envelope(project, date), project.type, new Money(amount, project.type.currency()));
		}
		if (roll < 97) {
			project.suspended = true;
			return new Suspended(envelope(project, date), "Tạm ngừng hoạt động để tái cơ cấu", date.plusMonths(6));
		}
		return terminate(project, date);
	}

	private Licensed licence(LocalDate date) {
		Zone zone = ZONES.get(this.random.nextInt(ZONES.size()));
		boolean fdi = this.random.nextInt(100) < 72;
		InvestmentType type = fdi ? InvestmentType.FDI : InvestmentType.DDI;
		int product = this.random.nextInt(PRODUCTS.size());
		String province = province(zone, date);
		String code = String.format("%s%08d", zone.provinceCode(), this.sequence);
		long capital = fdi ? usd(longTail(7_000_000, 50_000, 0.003, 500_000_000))
				: longTail(265_000_000_000L, 1_000_000_000L, 0.002, 5_000_000_000_000L);
		Project project = new Project(code, zone, type, fdi ? code : null, product, capital);
		this.live.add(project);
		if (this.live.size() > 5_000) {
			this.live.remove(0);
		}
		List<Investor> investors = fdi ? List.of(investor(partner()))
				: List.of(new Investor("Công ty CP Đầu tư " + zone.name(), "VN"));
		return new Licensed(envelope(project, date, province), type,
				PRODUCTS.get(product).projectName(fdi) + " " + zone.name(), project.irc, enterpriseCode(), investors,
				zone.code(), sector(product, date), new Money(capital, type.currency()),
				BigDecimal.valueOf(5 + this.random.nextInt(400), 1), 50 + this.random.nextInt(3000), 50);
	}

	private CapitalAdjusted adjust(Project project, LocalDate date) {
		project.adjustments++;
		long change = project.capital / (3 + this.random.nextInt(8));
		if (this.random.nextInt(4) == 0) {
			change = -Math.min(change, project.capital / 2);
		}
		change = (change == 0) ? 1 : change;
		project.capital += change;
		Money currency = Money.zero(project.type.currency());
		return new CapitalAdjusted(envelope(project, date), project.type, project.adjustments, project.irc,
				new Money(change, currency.currency()), new Money(project.capital, currency.currency()));
	}

	private CapitalContributed contribution(LocalDate date) {
		Zone zone = ZONES.get(this.random.nextInt(ZONES.size()));
		int product = this.random.nextInt(PRODUCTS.size());
		String enterprise = enterpriseCode();
		EventEnvelope envelope = new EventEnvelope(EventEnvelope.CURRENT_SCHEMA_VERSION, uuid(), "GV-" + enterprise, 1L,
				province(zone, date), date, this.clock.get());
		ContributionForm form = ContributionForm.values()[this.random.nextInt(ContributionForm.values().length)];
		return new CapitalContributed(envelope, InvestmentType.FDI, form, form == ContributionForm.CAPITAL_CONTRIBUTION,
				enterprise, "Công ty CP " + PRODUCTS.get(product).name() + " " + zone.name(), null,
				List.of(investor(partner())), zone.code(), sector(product, date),
				new Money(usd(longTail(1_500_000, 10_000, 0, 0)), InvestmentType.FDI.currency()));
	}

	private Terminated terminate(Project project, LocalDate date) {
		this.live.remove(project);
		TerminationReason reason = (this.random.nextInt(3) == 0) ? TerminationReason.IRC_REVOKED
				: TerminationReason.INVESTOR_DECISION;
		return new Terminated(envelope(project, date), reason, this.random.nextInt(900) + 1 + "/QĐ-BQL");
	}

	private EventEnvelope envelope(Project project, LocalDate date) {
		return envelope(project, date, province(project.zone, date));
	}

	private EventEnvelope envelope(Project project, LocalDate date, String province) {
		return new EventEnvelope(EventEnvelope.CURRENT_SCHEMA_VERSION, uuid(), project.code, project.revision, province,
				date, this.clock.get());
	}

	/**
	 * The unit that licenses in a zone on a date: the zone's province, or the unit that
	 * absorbed it.
	 */
	private static String province(Zone zone, LocalDate date) {
		LocalDate established = Provinces.REORGANISATION.minusDays(1);
		return Provinces.standard()
			.unitOn(zone.provinceCode(), established, date.isBefore(established) ? established : date);
	}

	private UUID uuid() {
		return new UUID(this.random.nextLong(), this.random.nextLong());
	}

	private String enterpriseCode() {
		return String.format("%010d", Math.floorMod(this.random.nextLong(), 10_000_000_000L));
	}

	/** A product's sector in the VSIC edition in force on a date. */
	private static Sector sector(int product, LocalDate date) {
		String division = PRODUCTS.get(product).division();
		VsicSection section = VsicEditions.standard()
			.sectionOf(division, date)
			.orElseThrow(() -> new IllegalStateException("No VSIC section holds " + division + " on " + date));
		return new Sector(section.letter(), division);
	}

	private Investor investor(Partner partner) {
		return new Investor(partner.investor(), partner.country());
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

	private static long usd(long dollars) {
		return Math.multiplyExact(dollars, 100L);
	}

	/**
	 * A log-normal amount around a median, rounded to a step; with probability
	 * {@code hugeChance} a very large one from {@code huge} to three times that.
	 */
	private long longTail(long median, long step, double hugeChance, long huge) {
		if (hugeChance > 0 && this.random.nextDouble() < hugeChance) {
			return (huge + (long) (this.random.nextDouble() * 2 * huge)) / step * step;
		}
		double factor = Math.exp(1.1 * this.random.nextGaussian());
		return Math.max(step, Math.round(median * factor / step) * step);
	}

}
