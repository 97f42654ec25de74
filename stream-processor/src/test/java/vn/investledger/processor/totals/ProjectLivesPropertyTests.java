package vn.investledger.processor.totals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

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
import vn.investledger.events.Total;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Project lives {@link RandomLedger} never generates, against a recomputation that calls
 * no production rule (no Provinces, Restatement, VsicEditions, ReportCalendar, Periods,
 * Flows, ProjectLife, StockParts): provinces 34 and 62 too, sectors VSIC 2018 J by
 * division, K–U and J without division across 15 November 2025, revisions dated out of
 * order (a later revision in an earlier, closed month or year), and events after a
 * termination (flows and status events dated on or before the end, resumptions after it
 * that reinstate the project, later terminations).
 */
class ProjectLivesPropertyTests {

	/** DOMAIN.md's table, by hand. */
	private static final Map<String, String> TODAY = Map.of("22", "22", "30", "31", "31", "31", "33", "33", "34", "33",
			"51", "51", "62", "51");

	private static final List<String> ORIGINS = List.of("22", "30", "31", "33", "34", "51", "62");

	private static final LocalDate MERGER = LocalDate.of(2025, 7, 1);

	private static final LocalDate VSIC2025 = LocalDate.of(2025, 11, 15);

	private static final LocalDate LATEST = LocalDate.of(2026, 11, 30);

	private static final List<Sector> OLD = List.of(new Sector("A", "01"), new Sector("C", "26"), new Sector("J", "58"),
			new Sector("J", "62"), new Sector("J", "6201"), new Sector("J", null), new Sector("K", "64"),
			new Sector("L", "68"), new Sector("M", null), new Sector("U", "99"));

	private static final List<Sector> NEW = List.of(new Sector("A", "01"), new Sector("J", "59"), new Sector("K", "62"),
			new Sector("L", "64"), new Sector("M", "68"), new Sector("V", "99"), new Sector("C", null));

	@Property(tries = 100)
	void everyFigureOfLivesBeyondTheRandomLedgerIsTheHandRecomputation(@ForAll long seed) {
		Random random = new Random(seed);
		List<List<LicensingEvent>> projects = new ArrayList<>();
		int count = 1 + random.nextInt(4);
		for (int p = 0; p < count; p++) {
			projects.add(life("RL" + Long.toHexString(seed) + "-" + p, random));
		}
		List<LicensingEvent> deliveries = new ArrayList<>();
		projects.forEach(deliveries::addAll);
		java.util.Collections.shuffle(deliveries, random);

		TotalsPropertyTests.Figures actual = TotalsPropertyTests.run(deliveries);

		assertThat(actual.applied()).as("seed %d: every event applied", seed).hasSize(deliveries.size());
		Expected expected = new Expected();
		projects.forEach(expected::apply);
		Map<String, List<Long>> flows = new TreeMap<>();
		actual.totals().values().forEach((t) -> {
			if (Expected.CHECKED.contains(t.cuboid()) && !t.period().contains("-Q")
					&& !t.period().matches("\\d{4}-\\d\\d")) {
				flows.put(t.cuboid() + "|" + t.dimensions() + "|" + t.period() + "|" + t.investmentType(), fields(t));
			}
		});
		assertThat(flows).as("seed %d: flows", seed).isEqualTo(expected.flows);
		Map<String, List<Object>> stock = new TreeMap<>();
		actual.stock().forEach((key, fields) -> {
			if (key.startsWith("national|") || key.startsWith("province-restated|") || key.startsWith("sector|")) {
				stock.put(key, fields);
			}
		});
		assertThat(stock).as("seed %d: stock", seed).isEqualTo(expected.stock);
	}

	private static List<Long> fields(Total t) {
		return List.of(t.newCapital().minorUnits(), t.newProjects(), t.adjustedCapital().minorUnits(), t.adjustments(),
				t.contributionCapital().minorUnits(), t.contributions(), t.realisedCapital().minorUnits());
	}

	// --- the generator

	private static String named(String origin, LocalDate on) {
		return on.isBefore(MERGER) ? origin : TODAY.get(origin);
	}

	private static EventEnvelope envelope(String code, long revision, String origin, LocalDate on, Random random) {
		return new EventEnvelope(EventEnvelope.CURRENT_SCHEMA_VERSION,
				new java.util.UUID(random.nextLong(), random.nextLong()), code, revision, named(origin, on), on,
				java.time.Instant.parse("2026-12-01T00:00:00Z"));
	}

	private static Sector sectorOn(LocalDate on, Random random) {
		List<Sector> sectors = on.isBefore(VSIC2025) ? OLD : NEW;
		return sectors.get(random.nextInt(sectors.size()));
	}

	private static LocalDate between(LocalDate from, LocalDate to, Random random) {
		return from.plusDays(random.nextLong(to.toEpochDay() - from.toEpochDay() + 1));
	}

	private static List<LicensingEvent> life(String code, Random random) {
		String origin = ORIGINS.get(random.nextInt(ORIGINS.size()));
		LocalDate licensedOn = between(LocalDate.of(2023, 1, 1), LocalDate.of(2026, 6, 30), random);
		if (!licensedOn.isBefore(MERGER)) {
			origin = TODAY.get(origin);
		}
		InvestmentType type = random.nextBoolean() ? InvestmentType.FDI : InvestmentType.DDI;
		String country = (type == InvestmentType.FDI) ? List.of("KR", "JP", "SG", "WS").get(random.nextInt(4)) : "VN";
		long unit = (type == InvestmentType.FDI) ? 100 : 1_000_000;
		long registered = unit * (1 + random.nextInt(1_000_000));
		List<LicensingEvent> events = new ArrayList<>();
		List<Investor> investors = random.nextBoolean() ? List.of(new Investor("NĐT 1", country)) : List
			.of(new Investor("NĐT 1", country), new Investor("NĐT 2", (type == InvestmentType.FDI) ? "VN" : "VN"));
		events.add(new Licensed(envelope(code, 1, origin, licensedOn, random), type, "Dự án " + code, "IRC-" + code,
				null, investors, null, sectorOn(licensedOn, random), new Money(registered, type.currency()), null, null,
				null));
		LocalDate previous = licensedOn;
		boolean terminated = false;
		LocalDate end = null;
		boolean suspended = false;
		int adjustments = 0;
		int more = random.nextInt(10);
		for (int i = 0; i < more; i++) {
			long revision = events.size() + 1;
			int kind = random.nextInt(7);
			LocalDate on;
			if (terminated) {
				// after a termination: what is dated on or before the end, or a
				// resumption after it
				boolean after = kind == 5 && random.nextBoolean() && end.isBefore(LATEST);
				on = after ? between(end.plusDays(1), LATEST, random) : between(licensedOn, end, random);
			}
			else {
				// a revision may be dated before the one before it, in a closed month
				long step = random.nextInt(-90, 150);
				on = previous.plusDays(step);
				on = on.isBefore(licensedOn) ? licensedOn : on.isAfter(LATEST) ? LATEST : on;
			}
			EventEnvelope envelope = envelope(code, revision, origin, on, random);
			switch (kind) {
				case 0, 1 -> {
					long change = random.nextBoolean() ? unit * (1 + random.nextInt(100_000))
							: -Math.max(1, random.nextLong(Math.max(1, registered)));
					if (registered + change <= 0) {
						change = unit;
					}
					registered += change;
					events.add(new CapitalAdjusted(envelope, type, ++adjustments, "IRC-" + code,
							new Money(change, type.currency()), new Money(registered, type.currency())));
				}
				case 2 ->
					events.add(new CapitalContributed(envelope, type,
							random.nextBoolean() ? ContributionForm.SHARE_PURCHASE
									: ContributionForm.CAPITAL_CONTRIBUTION,
							random.nextBoolean(), "0201234567", "Công ty " + code, null,
							List.of(new Investor("NĐT góp vốn", country)), null, sectorOn(on, random),
							new Money(unit * (1 + random.nextInt(10_000)), type.currency())));
				case 3 -> events.add(
						new Disbursed(envelope, type, new Money(unit * (1 + random.nextInt(10_000)), type.currency())));
				case 4 -> {
					events.add(new Suspended(envelope, "Tạm ngừng", null));
					if (!terminated) {
						suspended = true;
					}
				}
				case 5 -> {
					events.add(new Resumed(envelope, null));
					if (!terminated || on.isAfter(end)) {
						terminated = false;
						end = null;
						suspended = false;
					}
				}
				default -> {
					events.add(new Terminated(envelope, TerminationReason.INVESTOR_DECISION, revision + "/QĐ"));
					if (!terminated) {
						terminated = true;
						end = on;
					}
				}
			}
			previous = on;
		}
		return events;
	}

	// --- the hand recomputation

	private static final class Expected {

		static final List<String> CHECKED = List.of("national", "province-restated", "sector");

		final Map<String, List<Long>> flows = new TreeMap<>();

		final Map<String, List<Object>> stock = new TreeMap<>();

		void apply(List<LicensingEvent> events) {
			Licensed licence = (Licensed) events.get(0);
			InvestmentType type = licence.investmentType();
			LocalDate licensedOn = licence.envelope().effectiveDate();
			String projectSector = vsic2025(licence.sector(), licensedOn);
			long registered = 0;
			long realised = 0;
			String status = "valid";
			LocalDate end = null;
			for (LicensingEvent event : events) {
				LocalDate on = event.envelope().effectiveDate();
				String province = event.envelope().provinceCode();
				switch (event) {
					case Licensed l -> {
						registered = l.registeredCapital().minorUnits();
						add(type, province, on, projectSector, 0, 1, registered);
					}
					case CapitalAdjusted a -> {
						registered = a.newRegisteredCapital().minorUnits();
						long change = a.capitalChange().minorUnits();
						if (on.getYear() == licensedOn.getYear()) {
							add(type, province, on, projectSector, 0, 0, change);
						}
						else {
							add(type, province, on, projectSector, 1, (change > 0) ? 1 : 0, change);
						}
					}
					case CapitalContributed c ->
						add(type, province, on, vsic2025(c.sector(), on), 2, 1, c.amount().minorUnits());
					case Disbursed d -> {
						realised += d.amount().minorUnits();
						add(type, province, on, projectSector, 3, 0, d.amount().minorUnits());
					}
					case Suspended s -> status = status.equals("terminated") ? status : "suspended";
					case Resumed r -> {
						if (!status.equals("terminated") || on.isAfter(end)) {
							status = "valid";
							end = null;
						}
					}
					case Terminated t -> {
						if (!status.equals("terminated")) {
							status = "terminated";
							end = on;
						}
					}
				}
			}
			if (status.equals("terminated")) {
				return;
			}
			String origin = licence.envelope().provinceCode();
			List<String> keys = new ArrayList<>(List.of("national||stock|" + type,
					"province-restated|province=" + TODAY.get(origin) + "|stock|" + type));
			if (projectSector != null) {
				keys.add("sector|sector=" + projectSector + "|stock|" + type);
			}
			for (String key : keys) {
				List<Object> before = this.stock.getOrDefault(key,
						List.of(0L, 0L, Money.zero(type.currency()), Money.zero(type.currency())));
				this.stock.put(key,
						List.of((long) before.get(0) + 1, (long) before.get(1) + (status.equals("suspended") ? 1 : 0),
								((Money) before.get(2)).plus(new Money(registered, type.currency())),
								((Money) before.get(3)).plus(new Money(realised, type.currency()))));
			}
		}

		/** flow: 0 new, 1 adjusted, 2 contribution, 3 realised. */
		private void add(InvestmentType type, String province, LocalDate on, String sector, int flow, int events,
				long amount) {
			List<String> cells = new ArrayList<>(
					List.of("national|{}", "province-restated|{province=" + TODAY.get(province) + "}"));
			if (sector != null) {
				cells.add("sector|{sector=" + sector + "}");
			}
			List<String> periods = new ArrayList<>(List.of("all", String.valueOf(on.getYear())));
			int month = on.getMonthValue();
			boolean toMonthEnd = on.getYear() >= 2025 || (on.getYear() == 2024 && month == 12);
			int release = (toMonthEnd || on.getDayOfMonth() <= 20) ? month : (month < 12) ? month + 1 : 0;
			if (release > 0) {
				periods.add(String.format("%d-R%02d", on.getYear(), release));
			}
			for (String cell : cells) {
				for (String period : periods) {
					String key = cell + "|" + period + "|" + type;
					List<Long> f = new ArrayList<>(this.flows.getOrDefault(key, List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L)));
					switch (flow) {
						case 0 -> {
							f.set(0, f.get(0) + amount);
							f.set(1, f.get(1) + events);
						}
						case 1 -> {
							f.set(2, f.get(2) + amount);
							f.set(3, f.get(3) + events);
						}
						case 2 -> {
							f.set(4, f.get(4) + amount);
							f.set(5, f.get(5) + events);
						}
						default -> f.set(6, f.get(6) + amount);
					}
					this.flows.put(key, List.copyOf(f));
				}
			}
		}

		/** DOMAIN.md: old J split by division (58–60 J, 61–63 K), K–U one letter on. */
		static String vsic2025(Sector sector, LocalDate on) {
			String s = sector.section();
			if (!on.isBefore(VSIC2025)) {
				return s;
			}
			if (s.equals("J")) {
				if (sector.division() == null) {
					return null;
				}
				int division = Integer.parseInt(sector.division().substring(0, 2));
				return (division <= 60) ? "J" : "K";
			}
			return (s.compareTo("K") >= 0) ? String.valueOf((char) (s.charAt(0) + 1)) : s;
		}

	}

}
