package vn.investledger.processor.totals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.ContributionForm;
import vn.investledger.events.Currency;
import vn.investledger.events.Disbursed;
import vn.investledger.events.EventEnvelope;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Limits;
import vn.investledger.events.Money;
import vn.investledger.events.Resumed;
import vn.investledger.events.Sector;
import vn.investledger.events.Stock;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;
import vn.investledger.events.TerminationReason;
import vn.investledger.events.Total;
import vn.investledger.events.UsdEquivalent;
import vn.investledger.events.reference.Provinces;
import vn.investledger.testsupport.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A random ledger for property and crash tests: projects of both types in the seed
 * provinces, before and after the 2025 merger, with every kind of event; and a plain
 * recomputation of every figure from it. The recomputation shares no code with the
 * topology: it walks each project's events in revision order with the rules of DOMAIN.md
 * and the README, and reads only reference data (which unit holds a province today).
 */
final class RandomLedger {

	private static final List<String> PROVINCES = List.of("22", "30", "31", "33", "51");

	private static final List<String> SECTIONS = List.of("A", "C", "D", "F", "H", "K", "L", "M");

	private static final List<String> FOREIGN = List.of("KR", "JP", "SG", "CN", "TW", "HK", "US", "WS");

	/**
	 * The latest effective date: in the past, so that the ledger, which refuses dates far
	 * after the broker received the event, accepts every one.
	 */
	private static final LocalDate LATEST = LocalDate.of(2026, 6, 30);

	private final List<List<LicensingEvent>> projects;

	private RandomLedger(List<List<LicensingEvent>> projects) {
		this.projects = projects;
	}

	/**
	 * A ledger of random projects.
	 * @param codePrefix makes the project codes unique
	 * @param count the number of projects
	 * @param random the source of randomness
	 * @return the ledger
	 */
	static RandomLedger generate(String codePrefix, int count, Random random) {
		List<List<LicensingEvent>> projects = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			projects.add(project(codePrefix + "-" + i, random));
		}
		return new RandomLedger(projects);
	}

	/**
	 * This ledger's projects and another's, as one ledger.
	 * @param other another ledger, of other project codes
	 * @return both
	 */
	RandomLedger plus(RandomLedger other) {
		List<List<LicensingEvent>> both = new ArrayList<>(this.projects);
		both.addAll(other.projects);
		return new RandomLedger(both);
	}

	/**
	 * How many events the ledger applies: each once.
	 * @return the events of every project
	 */
	int eventCount() {
		return this.projects.stream().mapToInt(List::size).sum();
	}

	/**
	 * Every event, a quarter of them twice, shuffled across projects and revisions.
	 * @param random the source of randomness
	 * @return the records to deliver
	 */
	List<LicensingEvent> deliveries(Random random) {
		List<LicensingEvent> deliveries = new ArrayList<>();
		this.projects.forEach(deliveries::addAll);
		for (LicensingEvent event : List.copyOf(deliveries)) {
			if (random.nextInt(4) == 0) {
				deliveries.add(event);
			}
		}
		Collections.shuffle(deliveries, random);
		return deliveries;
	}

	/**
	 * Every flow figure, recomputed.
	 * @return the figures by totals key
	 */
	Map<String, Total> expectedTotals() {
		return expectedTotals(Tables.SHIPPED);
	}

	/**
	 * Every flow figure, recomputed under a deployment's own tables.
	 * @param tables the report calendar and rates
	 * @return the figures by totals key
	 */
	Map<String, Total> expectedTotals(Tables tables) {
		Expected expected = new Expected(tables);
		this.projects.forEach(expected::apply);
		return expected.totals();
	}

	/**
	 * The report calendar and the reference rates a recomputation counts under, written
	 * from README's rules ("The report calendar", "US$ equivalents"), not from the
	 * processor's tables.
	 */
	interface Tables {

		/**
		 * The shipped tables: FIA's releases run to the 20th up to 2024, December 2024's
		 * to the 31st, and to month-end from 2025; the press-implied rates, 23,400
		 * VND/USD from 2023 and 24,360 from 2024, none before.
		 */
		Tables SHIPPED = new Tables() {

			@Override
			public int reportMonth(LocalDate date) {
				int month = date.getMonthValue();
				boolean toMonthEnd = date.getYear() >= 2025 || (date.getYear() == 2024 && month == 12);
				if (toMonthEnd || date.getDayOfMonth() <= 20) {
					return month;
				}
				return (month < 12) ? month + 1 : 0;
			}

			@Override
			public Rate rate(LocalDate date) {
				if (date.getYear() < 2023) {
					return null;
				}
				return (date.getYear() == 2023) ? new Rate(23_400, "press-implied 2023: 23400 VND/USD from 2023-01-01")
						: new Rate(24_360, "press-implied 2024: 24360 VND/USD from 2024-01-01");
			}

		};

		/**
		 * The report month of a date: that of the release it is counted in, whose cut-off
		 * it is on or before; 0 after December's.
		 * @param date an effective date
		 * @return its report month, or 0
		 */
		int reportMonth(LocalDate date);

		/**
		 * The rate of a date's đồng.
		 * @param date an effective date
		 * @return the rate, or {@code null} before the table's first row
		 */
		Rate rate(LocalDate date);

		/**
		 * A table of one rate from a day and a calendar of one cut-off day for every
		 * month, December's included.
		 * @param from the rate's first day
		 * @param vndPerUsd the rate
		 * @param name the rate's name
		 * @param cutOff the cut-off day
		 * @return the tables
		 */
		static Tables of(LocalDate from, int vndPerUsd, String name, int cutOff) {
			return new Tables() {

				@Override
				public int reportMonth(LocalDate date) {
					int month = date.getMonthValue();
					if (date.getDayOfMonth() <= cutOff) {
						return month;
					}
					return (month < 12) ? month + 1 : 0;
				}

				@Override
				public Rate rate(LocalDate date) {
					return date.isBefore(from) ? null
							: new Rate(vndPerUsd, name + ": " + vndPerUsd + " VND/USD from " + from);
				}

			};
		}

		/**
		 * A reference rate as a figure names it.
		 *
		 * @param vndPerUsd đồng per dollar
		 * @param label its name in the figures
		 */
		record Rate(int vndPerUsd, String label) {

		}

	}

	/**
	 * Every non-empty stock figure, recomputed, as {@link #stockFields}.
	 * @return the figures by stock key
	 */
	Map<String, List<Object>> expectedStock() {
		Expected expected = new Expected(Tables.SHIPPED);
		this.projects.forEach(expected::apply);
		return expected.stock();
	}

	/**
	 * The stock figures as {@link #expectedStock()} gives them: those not empty, each as
	 * {@link #stockFields}.
	 * @param stock stock figures by key, as read from the topic
	 * @return the non-empty ones' fields by key
	 */
	static Map<String, List<Object>> nonEmptyStock(Map<String, Stock> stock) {
		Map<String, List<Object>> fields = new java.util.TreeMap<>();
		stock.forEach((key, s) -> {
			if (s.validProjects() != 0 || s.registeredCapital().minorUnits() != 0
					|| s.realisedCapital().minorUnits() != 0) {
				fields.put(key, stockFields(s));
			}
		});
		return fields;
	}

	/**
	 * What a stock figure says, without its newest-event stamp.
	 * @param stock a stock figure
	 * @return valid projects, suspended projects, registered and realised capital
	 */
	static List<Object> stockFields(Stock stock) {
		return stockFields(stock.validProjects(), stock.suspendedProjects(), stock.registeredCapital(),
				stock.realisedCapital());
	}

	private static List<Object> stockFields(long valid, long suspended, Money registered, Money realised) {
		return List.of(valid, suspended, registered, realised);
	}

	// --- the random ledger

	private static List<LicensingEvent> project(String code, Random random) {
		String origin = PROVINCES.get(random.nextInt(PROVINCES.size()));
		InvestmentType type = random.nextBoolean() ? InvestmentType.FDI : InvestmentType.DDI;
		LocalDate date = LocalDate.of(2022, 6, 1).plusDays(random.nextInt(4 * 365));
		String zone = random.nextInt(3) == 0 ? null : SampleEvents.zoneOf(origin);
		Sector sector = new Sector(SECTIONS.get(random.nextInt(SECTIONS.size())), null);
		String country = (type == InvestmentType.FDI) ? FOREIGN.get(random.nextInt(FOREIGN.size())) : "VN";
		List<LicensingEvent> events = new ArrayList<>();
		boolean licensed = random.nextInt(5) != 0;
		long registered = amount(type, random);
		if (licensed) {
			events.add(new Licensed(envelope(code, 1, origin, date, random), type, "Dự án " + code, "IRC-" + code, null,
					List.of(new Investor("Nhà đầu tư " + country, country)), zone, sector,
					new Money(registered, type.currency()), null, null, null));
		}
		else {
			events.add(contribution(code, 1, origin, date, type, zone, sector, country, random));
		}
		boolean suspended = false;
		int adjustments = 0;
		int more = random.nextInt(9);
		for (int i = 0; i < more; i++) {
			long revision = events.size() + 1;
			date = earliest(date.plusDays(random.nextInt(200)), LATEST);
			int kind = random.nextInt(licensed ? 6 : 2);
			switch (kind) {
				// a later contribution may come from another investor, name the zone the
				// licence left out, or another sector
				case 0 -> events.add(contribution(code, revision, origin, date, type,
						random.nextBoolean() ? zone : SampleEvents.zoneOf(origin),
						random.nextBoolean() ? sector : new Sector(SECTIONS.get(random.nextInt(SECTIONS.size())), null),
						(type == InvestmentType.FDI && random.nextBoolean())
								? FOREIGN.get(random.nextInt(FOREIGN.size())) : country,
						random));
				case 1 -> events.add(new Disbursed(envelope(code, revision, origin, date, random), type,
						new Money(1 + random.nextLong(registered), type.currency())));
				case 2, 3 -> {
					// within the contract's bound on an amount: past it, the new capital
					// would be refused
					long room = ((type == InvestmentType.FDI) ? Limits.MAX_USD_MINOR_UNITS : Limits.MAX_VND_MINOR_UNITS)
							- registered;
					long change = (random.nextBoolean() && room > 0) ? 1 + random.nextLong(Math.min(registered, room))
							: -(1 + random.nextLong(Math.max(1, registered - 1)));
					if (registered + change <= 0) {
						change = 1;
					}
					registered += change;
					events.add(new CapitalAdjusted(envelope(code, revision, origin, date, random), type, ++adjustments,
							"IRC-" + code, new Money(change, type.currency()), new Money(registered, type.currency())));
				}
				case 4 -> {
					events.add(suspended ? new Resumed(envelope(code, revision, origin, date, random), null)
							: new Suspended(envelope(code, revision, origin, date, random), "Tạm ngừng", null));
					suspended = !suspended;
				}
				default -> {
					events.add(new Terminated(envelope(code, revision, origin, date, random),
							TerminationReason.INVESTOR_DECISION, "12/QĐ-BQL"));
					return events;
				}
			}
		}
		return events;
	}

	private static LocalDate earliest(LocalDate one, LocalDate other) {
		return one.isBefore(other) ? one : other;
	}

	private static CapitalContributed contribution(String code, long revision, String origin, LocalDate date,
			InvestmentType type, String zone, Sector sector, String country, Random random) {
		return new CapitalContributed(envelope(code, revision, origin, date, random), type,
				random.nextBoolean() ? ContributionForm.SHARE_PURCHASE : ContributionForm.CAPITAL_CONTRIBUTION,
				random.nextBoolean(), "0201234567", "Công ty " + code, null,
				List.of(new Investor("Nhà đầu tư " + country, country)), zone, sector,
				new Money(amount(type, random), type.currency()));
	}

	/**
	 * An envelope under the unit that licenses in the province's territory on that date.
	 */
	private static EventEnvelope envelope(String code, long revision, String origin, LocalDate date, Random random) {
		String province = Provinces.standard().inForce(origin, date) ? origin
				: Provinces.standard().latestUnitOf(origin, Provinces.REORGANISATION.minusDays(1));
		Instant emittedAt = Instant.parse("2026-01-01T00:00:00Z").plusMillis(random.nextInt(1_000_000_000));
		return new EventEnvelope(EventEnvelope.CURRENT_SCHEMA_VERSION, new UUID(random.nextLong(), random.nextLong()),
				code, revision, province, date, emittedAt);
	}

	private static long amount(InvestmentType type, Random random) {
		// up to US$10bn in cents, up to 100,000 tỷ đồng
		return 1 + random.nextLong((type == InvestmentType.FDI) ? 1_000_000_000_000L : 100_000_000_000_000L);
	}

	// --- the independent recomputation

	/**
	 * Walks each project's events in revision order with the rules as documented.
	 */
	private static final class Expected {

		private final Tables tables;

		private final Map<String, Figure> figures = new TreeMap<>();

		private final Map<String, List<Object>> stock = new TreeMap<>();

		Expected(Tables tables) {
			this.tables = tables;
		}

		void apply(List<LicensingEvent> events) {
			// the project's breakdown: from its licence, else from its first contribution
			String licensedProvince = null;
			LocalDate licensedOn = null;
			String zone = null;
			String country = null;
			String sector = null;
			LocalDate sectorDate = null;
			InvestmentType type = null;
			Money registered = null;
			long realised = 0;
			String status = "valid";
			for (LicensingEvent event : events) {
				switch (event) {
					case Licensed licence -> {
						type = licence.investmentType();
						licensedProvince = licence.envelope().provinceCode();
						licensedOn = licence.envelope().effectiveDate();
						zone = licence.zoneCode();
						country = licence.investors().get(0).country();
						sector = licence.sector().section();
						sectorDate = licence.envelope().effectiveDate();
						registered = licence.registeredCapital();
						count(event, type, zone, country, vsic2025(sector, sectorDate), NEW, 1,
								licence.registeredCapital());
					}
					case CapitalContributed contribution -> {
						type = (type != null) ? type : contribution.investmentType();
						zone = (zone != null) ? zone : contribution.zoneCode();
						country = (country != null) ? country : contribution.investors().get(0).country();
						if (sector == null) {
							sector = contribution.sector().section();
							sectorDate = contribution.envelope().effectiveDate();
						}
						count(event, contribution.investmentType(), contribution.zoneCode(),
								contribution.investors().get(0).country(),
								vsic2025(contribution.sector().section(), contribution.envelope().effectiveDate()),
								CONTRIBUTION, 1, contribution.amount());
					}
					case CapitalAdjusted adjustment -> {
						registered = adjustment.newRegisteredCapital();
						// FIA counts adjustments of projects of earlier years, and as one
						// adjustment only an increase; a same-year change adds to the new
						// capital
						boolean sameYear = licensedOn != null
								&& licensedOn.getYear() == adjustment.envelope().effectiveDate().getYear();
						long change = adjustment.capitalChange().minorUnits();
						count(event, type, zone, country, vsic2025(sector, sectorDate), sameYear ? NEW : ADJUSTED,
								(sameYear || change <= 0) ? 0 : 1, adjustment.capitalChange());
					}
					case Disbursed disbursement -> {
						realised += disbursement.amount().minorUnits();
						count(event, type, zone, country, vsic2025(sector, sectorDate), REALISED, 1,
								disbursement.amount());
					}
					case Suspended suspended -> status = "suspended";
					case Resumed resumed -> status = "valid";
					case Terminated terminated -> status = "terminated";
				}
			}
			if (licensedOn == null || status.equals("terminated")) {
				return;
			}
			sector = vsic2025(sector, sectorDate);
			Map<String, Map<String, String>> cuboids = new LinkedHashMap<>();
			cuboids.put("national", Map.of());
			cuboids.put("province", Map.of("province", licensedProvince));
			cuboids.put("province-restated",
					Map.of("province", Provinces.standard().latestUnitOf(licensedProvince, licensedOn)));
			if (zone != null) {
				cuboids.put("province+zone", Map.of("province", licensedProvince, "zone", zone));
			}
			if (country != null) {
				cuboids.put("province+country", Map.of("province", licensedProvince, "country", country));
				cuboids.put("country", Map.of("country", country));
			}
			if (sector != null) {
				cuboids.put("province+sector", Map.of("province", licensedProvince, "sector", sector));
				cuboids.put("sector", Map.of("sector", sector));
			}
			boolean suspended = status.equals("suspended");
			for (Map.Entry<String, Map<String, String>> cuboid : cuboids.entrySet()) {
				String key = Total.keyOf(cuboid.getKey(), cuboid.getValue(), Stock.PERIOD, type);
				List<Object> before = this.stock.getOrDefault(key,
						stockFields(0, 0, Money.zero(type.currency()), Money.zero(type.currency())));
				this.stock.put(key,
						stockFields((long) before.get(0) + 1, (long) before.get(1) + (suspended ? 1 : 0),
								((Money) before.get(2)).plus(registered),
								((Money) before.get(3)).plus(new Money(realised, type.currency()))));
			}
		}

		private void count(LicensingEvent event, InvestmentType type, String zone, String country, String sector,
				int flow, int events, Money amount) {
			String province = event.envelope().provinceCode();
			LocalDate date = event.envelope().effectiveDate();
			Map<String, Map<String, String>> cuboids = new LinkedHashMap<>();
			cuboids.put("national", Map.of());
			cuboids.put("province", Map.of("province", province));
			cuboids.put("province-restated", Map.of("province", Provinces.standard().latestUnitOf(province, date)));
			if (zone != null) {
				cuboids.put("province+zone", Map.of("province", province, "zone", zone));
			}
			if (country != null) {
				cuboids.put("province+country", Map.of("province", province, "country", country));
				cuboids.put("country", Map.of("country", country));
			}
			if (sector != null) {
				cuboids.put("province+sector", Map.of("province", province, "sector", sector));
				cuboids.put("sector", Map.of("sector", sector));
			}
			List<String> periods = new ArrayList<>(List.of("all", String.valueOf(date.getYear()),
					date.getYear() + "-Q" + ((date.getMonthValue() + 2) / 3),
					String.format("%d-%02d", date.getYear(), date.getMonthValue())));
			int reportMonth = this.tables.reportMonth(date);
			if (reportMonth > 0) {
				periods.add(String.format("%d-R%02d", date.getYear(), reportMonth));
			}
			for (String period : periods) {
				cuboids.forEach((cuboid, dimensions) -> {
					Figure figure = this.figures.computeIfAbsent(Total.keyOf(cuboid, dimensions, period, type),
							(key) -> new Figure(cuboid, dimensions, period, type));
					figure.add(flow, events, amount, this.tables.rate(date));
					if (figure.newestEventAt == null || event.envelope().emittedAt().isAfter(figure.newestEventAt)) {
						figure.newestEventAt = event.envelope().emittedAt();
					}
				});
			}
		}

		/**
		 * A section in VSIC 2025 terms: before 15 November 2025 sections were of VSIC
		 * 2018, whose K to U are one letter on in VSIC 2025 (the ledger's sections
		 * include no J, the one split by division).
		 */
		private static String vsic2025(String section, LocalDate classifiedOn) {
			if (section == null || !classifiedOn.isBefore(LocalDate.of(2025, 11, 15)) || section.compareTo("K") < 0) {
				return section;
			}
			return String.valueOf((char) (section.charAt(0) + 1));
		}

		Map<String, Total> totals() {
			Map<String, Total> totals = new TreeMap<>();
			this.figures.forEach((key, figure) -> totals.put(key, figure.toTotal()));
			return totals;
		}

		Map<String, List<Object>> stock() {
			return this.stock;
		}

	}

	private static final int NEW = 0;

	private static final int ADJUSTED = 1;

	private static final int CONTRIBUTION = 2;

	private static final int REALISED = 3;

	/** A figure as plain counters: new, adjusted, contribution and realised capital. */
	private static final class Figure {

		final String cuboid;

		final Map<String, String> dimensions;

		final String period;

		final InvestmentType type;

		final long[] amounts = new long[4];

		final long[] counts = new long[4];

		final long[] usdCents = new long[4];

		final TreeSet<String> rates = new TreeSet<>();

		long unconverted;

		Instant newestEventAt;

		Figure(String cuboid, Map<String, String> dimensions, String period, InvestmentType type) {
			this.cuboid = cuboid;
			this.dimensions = dimensions;
			this.period = period;
			this.type = type;
		}

		/**
		 * Adds an event's amount to a flow, and in cents to its dollar equivalent:
		 * dollars as they are, đồng at the rate of the event's date (rounded half-even to
		 * the cent), none before the table's first rate.
		 */
		void add(int flow, int events, Money amount, Tables.Rate rate) {
			this.amounts[flow] += amount.minorUnits();
			this.counts[flow] += events;
			if (amount.currency() == Currency.USD) {
				this.usdCents[flow] += amount.minorUnits();
			}
			else if (rate == null) {
				this.unconverted++;
			}
			else {
				this.usdCents[flow] += BigDecimal.valueOf(amount.minorUnits())
					.multiply(BigDecimal.valueOf(100))
					.divide(BigDecimal.valueOf(rate.vndPerUsd()), 0, RoundingMode.HALF_EVEN)
					.longValueExact();
				this.rates.add(rate.label());
			}
		}

		Total toTotal() {
			Currency currency = this.type.currency();
			UsdEquivalent usd = new UsdEquivalent(new Money(this.usdCents[NEW], Currency.USD),
					new Money(this.usdCents[ADJUSTED], Currency.USD),
					new Money(this.usdCents[CONTRIBUTION], Currency.USD),
					new Money(this.usdCents[REALISED], Currency.USD), List.copyOf(this.rates), this.unconverted);
			return new Total(this.cuboid, this.dimensions, this.period, this.type,
					new Money(this.amounts[NEW], currency), this.counts[NEW],
					new Money(this.amounts[ADJUSTED], currency), this.counts[ADJUSTED],
					new Money(this.amounts[CONTRIBUTION], currency), this.counts[CONTRIBUTION],
					new Money(this.amounts[REALISED], currency), this.newestEventAt, usd);
		}

	}

}
