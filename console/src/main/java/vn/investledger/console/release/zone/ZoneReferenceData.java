package vn.investledger.console.release.zone;

import org.springframework.stereotype.Component;

import vn.investledger.events.reference.IndustrialLand;
import vn.investledger.events.reference.InvestmentTargets;
import vn.investledger.events.reference.Zones;

/**
 * The reference data of the zone-board release, read once at start: a malformed table
 * stops the console there, naming the file and the row, rather than a release later.
 */
@Component
class ZoneReferenceData {

	private final Zones zones = Zones.standard();

	private final InvestmentTargets targets;

	private final IndustrialLand land;

	ZoneReferenceData(ZoneReferenceProperties properties) {
		this.targets = (properties.investmentTargets() != null) ? InvestmentTargets.read(properties.investmentTargets())
				: InvestmentTargets.standard();
		this.land = (properties.industrialLand() != null) ? IndustrialLand.read(properties.industrialLand())
				: IndustrialLand.standard();
	}

	Zones zones() {
		return this.zones;
	}

	InvestmentTargets targets() {
		return this.targets;
	}

	IndustrialLand land() {
		return this.land;
	}

}
