package vn.investledger.console.release.zone;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import vn.investledger.console.release.GeneratedLedger;
import vn.investledger.console.release.GeneratedLedger.Received;
import vn.investledger.console.release.ReleaseEntry;
import vn.investledger.events.AppliedEntry;
import vn.investledger.events.CapitalContributed;
import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.reference.Zones;
import vn.investledger.index.HistoryDocument;

/**
 * The national release's {@link GeneratedLedger}, with each project placed in a zone of
 * its province (today's unit's zones, so a Hải Dương project may be in a Hải Dương zone
 * however it is dated) or outside zones, and each licence given a land area or none. An
 * enterprise with contributions and no licence is placed by its contributions.
 */
final class ZonedLedger {

	private ZonedLedger() {
	}

	/**
	 * Places the projects of a ledger.
	 * @param ledger the ledger
	 * @param random the source
	 * @return the ledger, each project in a zone or none, its licence with a land area or
	 * none
	 */
	static GeneratedLedger place(GeneratedLedger ledger, Random random) {
		Map<String, Placement> placements = new HashMap<>();
		List<Received> placed = new ArrayList<>();
		for (Received received : ledger.events) {
			LicensingEvent event = received.event();
			// the first event received is the project's first revision: its province
			Placement placement = placements.computeIfAbsent(event.key(),
					(code) -> choose(random, event.envelope().provinceCode()));
			LicensingEvent moved = switch (event) {
				case Licensed licence -> new Licensed(licence.envelope(), licence.investmentType(),
						licence.projectName(), licence.ircNumber(), licence.enterpriseCode(), licence.investors(),
						placement.zone(), licence.sector(), licence.registeredCapital(), placement.landAreaHa(),
						licence.plannedEmployment(), licence.durationYears());
				case CapitalContributed contribution -> new CapitalContributed(contribution.envelope(),
						contribution.investmentType(), contribution.form(), contribution.raisesCharterCapital(),
						contribution.enterpriseCode(), contribution.enterpriseName(), contribution.ircNumber(),
						contribution.investors(), placement.zone(), contribution.sector(), contribution.amount());
				default -> event;
			};
			placed.add(new Received(moved, received.unit(), received.receivedAt()));
		}
		return GeneratedLedger.of(placed);
	}

	private static Placement choose(Random random, String province) {
		String unit = Provinces.standard().currentUnitOf(province).orElseThrow();
		List<Zone> zones = Zones.standard()
			.all()
			.stream()
			.filter((zone) -> Provinces.standard().currentUnitOf(zone.provinceCode()).orElseThrow().equals(unit))
			.toList();
		String zone = (zones.isEmpty() || random.nextInt(6) == 0) ? null
				: zones.get(random.nextInt(zones.size())).code();
		BigDecimal land = (random.nextInt(5) == 0) ? null : BigDecimal.valueOf(random.nextLong(1, 5_000_000), 4);
		return new Placement(zone, land);
	}

	/**
	 * The history's entries as the index streams them: by project code, then revision.
	 * @param ledger the ledger
	 * @return the entries
	 */
	static List<ReleaseEntry> entries(GeneratedLedger ledger) {
		List<AppliedEntry> applied = new ArrayList<>(ledger.applied(Topics.withPrefix("ledger")));
		applied.sort(Comparator.comparing(AppliedEntry::projectCode).thenComparingLong(AppliedEntry::revision));
		return applied.stream().map(HistoryDocument::of).map(ZonedLedger::entry).toList();
	}

	static ReleaseEntry entry(HistoryDocument document) {
		return new ReleaseEntry(document.projectCode(), document.revision(), document.eventId(), document.kind(),
				document.unit(), document.effectiveDate(), document.receivedAt(), document.flow(),
				EventJson.read(document.eventJson()));
	}

	private record Placement(String zone, BigDecimal landAreaHa) {

	}

}
