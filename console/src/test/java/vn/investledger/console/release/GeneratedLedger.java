package vn.investledger.console.release;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import vn.investledger.events.AppliedEntry;
import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.ContributionForm;
import vn.investledger.events.Disbursed;
import vn.investledger.events.EventEnvelope;
import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Investor;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.Resumed;
import vn.investledger.events.Sector;
import vn.investledger.events.Stock;
import vn.investledger.events.Suspended;
import vn.investledger.events.Terminated;
import vn.investledger.events.TerminationReason;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.rulebook.Flows;
import vn.investledger.events.rulebook.ProjectLife;
import vn.investledger.events.rulebook.Rules;
import vn.investledger.events.rulebook.StockParts;
import vn.investledger.testsupport.SampleEvents;

/**
 * A ledger generated from a seed, for the release tests: FDI and DDI projects licensed in
 * the release's year, the year before and the one before that, in provinces that merged
 * on 1 July 2025 and ones that did not, with partners and sectors, adjusted up or down in
 * their own year or a later one, with contributions that raise the charter capital or not
 * (and enterprises with contributions and no licence), disbursements, suspensions,
 * resumptions and terminations (now and then followed by a suspension or resumption
 * recorded late, dated on or before the end). Each event is received by the broker at a
 * time of its own, a project's in revision order, so the ledger as known at any instant
 * is each project's first revisions.
 */
public final class GeneratedLedger {

	/** Provinces as licensed; 30, 34 and 62 merged into 31, 33 and 51 on 1 July 2025. */
	static final List<String> PROVINCES = List.of("31", "30", "33", "34", "22", "51", "62");

	static final List<String> PARTNERS = List.of("SG", "KR", "CN", "JP", "HK", "TW", "US", "FR", "WS");

	/** Sections whose letter VSIC 2025 keeps, with a division of each. */
	static final List<Sector> SECTORS = List.of(new Sector("C", "26"), new Sector("F", "41"), new Sector("G", "46"),
			new Sector("H", "52"));

	/** When the broker received the first event: after every effective date. */
	public static final Instant FIRST_RECEIPT = Instant.parse("2026-03-02T01:00:00Z");

	public final List<Received> events;

	private GeneratedLedger(List<Received> events) {
		this.events = List.copyOf(events);
	}

	/**
	 * A ledger of given events, e.g. another ledger's changed or a part of them.
	 * @param events the events, in receipt order
	 * @return the ledger
	 */
	public static GeneratedLedger of(List<Received> events) {
		return new GeneratedLedger(events);
	}

	/**
	 * An event and when the broker appended it to its unit's topic.
	 */
	public record Received(LicensingEvent event, String unit, Instant receivedAt) {

	}

	/**
	 * A ledger for the release of a month.
	 * @param random the source
	 * @param month the release's month
	 * @param projects how many projects
	 * @param emptyComparison no event dated in the year before the release's
	 * @return the ledger
	 */
	public static GeneratedLedger generate(Random random, YearMonth month, int projects, boolean emptyComparison) {
		int year = month.getYear();
		LocalDate from = LocalDate.of(year - 2, 1, 1);
		LocalDate to = LocalDate.of(year, 12, 31);
		List<Received> all = new ArrayList<>();
		for (int p = 0; p < projects; p++) {
			String code = String.format("%010d", 4_000_000_000L + p * 7919L + random.nextInt(7919));
			boolean enterprise = random.nextInt(8) == 0;
			if (!enterprise && p % 5 != 0) {
				// codes that sort otherwise by UTF-16 unit than by code point, as the
				// index sorts them: a full-width digit (U+FF10) and a character beyond
				// U+FFFF
				code += ((p % 5) % 2 == 0) ? "０" : "𠮷";
			}
			List<LicensingEvent> events = enterprise ? enterprise(code, random, from, to, year, emptyComparison)
					: project(code, random, from, to, year, emptyComparison);
			// received in revision order, each at a millisecond of its own
			List<Instant> receipts = new ArrayList<>();
			for (int i = 0; i < events.size(); i++) {
				receipts.add(FIRST_RECEIPT.plusMillis(random.nextLong(1, 30L * 24 * 3600 * 1000)));
			}
			receipts.sort(Comparator.naturalOrder());
			for (int i = 0; i < events.size(); i++) {
				LicensingEvent event = events.get(i);
				String unit = Provinces.standard().currentUnitOf(event.envelope().provinceCode()).orElseThrow();
				all.add(new Received(event, unit, receipts.get(i)));
			}
		}
		all.sort(Comparator.comparing(Received::receivedAt));
		return new GeneratedLedger(all);
	}

	private static List<LicensingEvent> project(String code, Random random, LocalDate from, LocalDate to, int year,
			boolean emptyComparison) {
		boolean fdi = random.nextInt(3) > 0;
		String province = PROVINCES.get(random.nextInt(PROVINCES.size()));
		LocalDate day = date(random, from, to, year, emptyComparison);
		Money registered = fdi ? new Money(random.nextLong(1, 60_000_000_000L), InvestmentType.FDI.currency())
				: Money.vnd(random.nextLong(1_000_000L, 9_000_000_000_000L));
		Licensed template = fdi ? SampleEvents.fdiLicence(code, province, registered)
				: SampleEvents.ddiLicence(code, province, registered);
		Sector sector = SECTORS.get(random.nextInt(SECTORS.size()));
		String country = fdi ? PARTNERS.get(random.nextInt(PARTNERS.size())) : "VN";
		Licensed licence = new Licensed(envelope(random, code, 1, on(province, day), day), template.investmentType(),
				template.projectName(), template.ircNumber(), template.enterpriseCode(),
				List.of(new Investor("Nhà đầu tư " + country, country)), template.zoneCode(), sector, registered,
				template.landAreaHa(), template.plannedEmployment(), template.durationYears());
		InvestmentType type = licence.investmentType();
		List<LicensingEvent> events = new ArrayList<>(List.of(licence));
		boolean suspended = false;
		int followUps = random.nextInt(6);
		for (long revision = 2; revision <= 1 + followUps; revision++) {
			day = day.plusDays(random.nextInt(0, 300));
			if (day.isAfter(to) || (emptyComparison && day.getYear() == year - 1)) {
				break;
			}
			EventEnvelope envelope = envelope(random, code, revision, on(province, day), day);
			switch (random.nextInt(7)) {
				case 0, 1 -> {
					long change = random.nextBoolean() ? random.nextLong(1, 5_000_000_000L)
							: -random.nextLong(1, Math.max(2, registered.minorUnits()));
					Money delta = new Money(fdi ? change : change * 1000, type.currency());
					if (registered.minorUnits() + delta.minorUnits() <= 0) {
						delta = new Money(1, type.currency());
					}
					registered = registered.plus(delta);
					events.add(new CapitalAdjusted(envelope, type, (int) revision, licence.ircNumber(), delta,
							registered));
				}
				case 2 -> events.add(contribution(envelope, type, random, country, sector));
				case 3, 4 -> events.add(new Disbursed(envelope, type,
						new Money(random.nextLong(1, fdi ? 9_000_000_000L : 900_000_000_000L), type.currency())));
				case 5 -> {
					events
						.add(suspended ? new Resumed(envelope, "Tiếp tục") : new Suspended(envelope, "Tạm dừng", null));
					suspended = !suspended;
				}
				default -> {
					events.add(new Terminated(envelope, TerminationReason.INVESTOR_DECISION, "QĐ-" + revision));
					// now and then a suspension or a resumption recorded late, dated on
					// or
					// before the end: the project stays ended
					LocalDate late = day.minusDays(random.nextInt(0, 90));
					if (random.nextInt(3) == 0 && !late.isBefore(licence.envelope().effectiveDate())
							&& !(emptyComparison && late.getYear() == year - 1)) {
						EventEnvelope after = envelope(random, code, revision + 1, on(province, late), late);
						events.add(random.nextBoolean() ? new Suspended(after, "Tạm dừng", null)
								: new Resumed(after, "Tiếp tục"));
					}
					return events;
				}
			}
		}
		return events;
	}

	/** A Vietnamese enterprise foreign investors buy into: contributions, no licence. */
	private static List<LicensingEvent> enterprise(String code, Random random, LocalDate from, LocalDate to, int year,
			boolean emptyComparison) {
		String province = PROVINCES.get(random.nextInt(PROVINCES.size()));
		String country = PARTNERS.get(random.nextInt(PARTNERS.size()));
		Sector sector = SECTORS.get(random.nextInt(SECTORS.size()));
		LocalDate day = date(random, from, to, year, emptyComparison);
		List<LicensingEvent> events = new ArrayList<>();
		int contributions = 1 + random.nextInt(3);
		for (long revision = 1; revision <= contributions; revision++) {
			events.add(contribution(envelope(random, code, revision, on(province, day), day), InvestmentType.FDI,
					random, country, sector));
			day = day.plusDays(random.nextInt(1, 200));
			if (day.isAfter(to) || (emptyComparison && day.getYear() == year - 1)) {
				break;
			}
		}
		return events;
	}

	private static CapitalContributed contribution(EventEnvelope envelope, InvestmentType type, Random random,
			String country, Sector sector) {
		boolean fdi = type == InvestmentType.FDI;
		return new CapitalContributed(envelope, type,
				random.nextBoolean() ? ContributionForm.CAPITAL_CONTRIBUTION : ContributionForm.SHARE_PURCHASE,
				random.nextBoolean(), "0201234567", "Công ty CP Góp vốn", null,
				List.of(new Investor("Nhà đầu tư " + country, fdi ? country : "VN")), null, sector,
				new Money(random.nextLong(1, fdi ? 3_000_000_000L : 90_000_000_000_000L), type.currency()));
	}

	/**
	 * An effective date: a third in each of the three years, none in the year before if
	 * asked.
	 */
	private static LocalDate date(Random random, LocalDate from, LocalDate to, int year, boolean emptyComparison) {
		while (true) {
			LocalDate day = from.plusDays(random.nextLong(0, to.toEpochDay() - from.toEpochDay() + 1));
			if (!(emptyComparison && day.getYear() == year - 1)) {
				return day;
			}
		}
	}

	private static EventEnvelope envelope(Random random, String code, long revision, String province, LocalDate day) {
		return new EventEnvelope(EventEnvelope.CURRENT_SCHEMA_VERSION, new UUID(random.nextLong(), random.nextLong()),
				code, revision, province, day, day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
	}

	/** The province as an event dated so names it: a merged one by its new unit. */
	static String on(String province, LocalDate date) {
		return Provinces.standard().inForce(province, date) ? province
				: Provinces.standard().currentUnitOf(province).orElseThrow();
	}

	/**
	 * The entries the ledger writes for these events, applied as the processor applies
	 * them (a project's in revision order), each with its flow by the rulebook.
	 * @param topics the topics of the units
	 * @return the entries, in receipt order
	 */
	public List<AppliedEntry> applied(Topics topics) {
		Rules rules = Rules.standard();
		Map<String, ProjectLife.Fold> states = new HashMap<>();
		List<AppliedEntry> entries = new ArrayList<>();
		for (Received received : this.events) {
			LicensingEvent event = received.event();
			ProjectState after = states.computeIfAbsent(event.key(), ProjectLife.Fold::new)
				.apply(event, received.unit());
			AppliedEntry.Flow flow = Flows.cellOf(event, after, rules)
				.map((cell) -> new AppliedEntry.Flow(cell, Flows.periodsOf(cell, rules.calendar())))
				.orElse(null);
			EventEnvelope envelope = event.envelope();
			entries.add(new AppliedEntry(event.key(), envelope.revision(), envelope.eventId().toString(),
					event.kind().jsonName(), received.unit(), false, topics.eventTopicName(received.unit()), 0,
					envelope.revision(), received.receivedAt(),
					new String(EventJson.toBytes(event), StandardCharsets.UTF_8), flow));
		}
		return entries;
	}

	/**
	 * The flow figures of every event, as the processor keeps them.
	 * @param entries the applied entries
	 * @return the figures
	 */
	static List<Total> totals(List<AppliedEntry> entries) {
		Map<String, Total> sums = new LinkedHashMap<>();
		for (AppliedEntry entry : entries) {
			if (entry.flow() != null) {
				for (Total figure : Flows.figuresOf(entry.flow().cell(), Rules.standard().calendar())) {
					sums.merge(figure.key(), figure, Total::plus);
				}
			}
		}
		return List.copyOf(sums.values());
	}

	/**
	 * The stock figures of every event, as the processor keeps them.
	 * @return the figures
	 */
	List<Stock> stock() {
		Rules rules = Rules.standard();
		Map<String, ProjectLife.Fold> states = new HashMap<>();
		Map<String, Stock> sums = new LinkedHashMap<>();
		for (Received received : this.events) {
			LicensingEvent event = received.event();
			ProjectLife.Fold fold = states.get(event.key());
			ProjectState before = (fold != null) ? fold.state() : null;
			ProjectState after = states.computeIfAbsent(event.key(), ProjectLife.Fold::new)
				.apply(event, received.unit());
			for (Stock cell : StockParts.cellsOf(before, after, rules)) {
				for (Stock figure : StockParts.figuresOf(cell)) {
					sums.merge(figure.key(), figure, Stock::plus);
				}
			}
		}
		return List.copyOf(sums.values());
	}

}
