package vn.investledger.producers.gateway.ingest;

import java.time.LocalDate;

import vn.investledger.events.Limits;
import vn.investledger.events.reference.Provinces;

/**
 * A province system sent an event of a project another unit owns; nothing was published.
 * The ledger would refuse it too ({@code FOREIGN_PROJECT}): only the unit that licensed a
 * project writes its later events.
 */
class ForeignProjectException extends RuntimeException {

	private final String projectCode;

	private final String ownerUnit;

	ForeignProjectException(String projectCode, String ownerUnit, String client) {
		super("Project " + projectCode + " belongs to unit " + ownerUnit + nameOf(ownerUnit)
				+ ", which licensed it: only that unit may publish its events, not unit " + client + nameOf(client));
		this.projectCode = projectCode;
		this.ownerUnit = ownerUnit;
	}

	String projectCode() {
		return this.projectCode;
	}

	String ownerUnit() {
		return this.ownerUnit;
	}

	private static String nameOf(String unit) {
		return Provinces.standard()
			.find(unit, LocalDate.now(Limits.VIETNAM))
			.map((found) -> " (" + found.name() + ")")
			.orElse("");
	}

}
