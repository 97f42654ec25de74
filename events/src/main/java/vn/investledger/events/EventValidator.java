package vn.investledger.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import vn.investledger.events.reference.Countries;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.VsicSection;
import vn.investledger.events.reference.VsicSections;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.reference.Zones;

/**
 * Checks an event against the contract's rules, the same rules the JSON Schemas state,
 * plus the reference data no schema can hold: the province must be in force on the
 * effective date, the zone must be known and in that province (or in a unit it absorbed),
 * the country an ISO 3166-1 code, the VSIC division within its section. Used by the
 * publisher before sending, by the gateway on receipt and by the stream processor on
 * consumption, so that a rule holds wherever an event enters.
 */
public final class EventValidator {

	private static final Pattern PROVINCE_CODE = Pattern.compile("\\d{2}");

	private static final Pattern ENTERPRISE_CODE = Pattern.compile("\\d{10}(-\\d{3})?");

	private static final Pattern VSIC_DIVISION = Pattern.compile("\\d{2}|\\d{4}");

	private EventValidator() {
	}

	/**
	 * Validates an event.
	 * @param event the event, possibly {@code null}
	 * @return every violation found, empty if the event is valid
	 */
	public static List<Violation> validate(LicensingEvent event) {
		Violations violations = new Violations();
		if (event == null) {
			violations.add("", "an event is required");
			return violations.list;
		}
		validateEnvelope(event.envelope(), violations);
		switch (event) {
			case Licensed licensed -> validateLicensed(licensed, violations);
			case CapitalAdjusted adjusted -> validateAdjusted(adjusted, violations);
			case CapitalContributed contributed -> validateContributed(contributed, violations);
			case Disbursed disbursed -> {
				violations.requireNonNull("investmentType", disbursed.investmentType());
				validatePositive("amount", disbursed.amount(), disbursed.investmentType(), violations);
			}
			case Suspended suspended -> {
				if (suspended.until() != null && suspended.envelope() != null
						&& suspended.envelope().effectiveDate() != null
						&& suspended.until().isBefore(suspended.envelope().effectiveDate())) {
					violations.add("until", "must not be before envelope.effectiveDate");
				}
			}
			case Resumed resumed -> {
				// the envelope says it all
			}
			case Terminated terminated -> violations.requireNonNull("reason", terminated.reason());
		}
		return violations.list;
	}

	/**
	 * Validates an event and throws if it is invalid.
	 * @param event the event
	 * @param <E> the event's type
	 * @return the same event
	 * @throws InvalidEventException listing every violation
	 */
	public static <E extends LicensingEvent> E requireValid(E event) {
		List<Violation> violations = validate(event);
		if (!violations.isEmpty()) {
			throw new InvalidEventException(violations);
		}
		return event;
	}

	private static void validateEnvelope(EventEnvelope envelope, Violations violations) {
		if (envelope == null) {
			violations.add("envelope", "is required");
			return;
		}
		if (envelope.schemaVersion() == null) {
			violations.add("envelope.schemaVersion", "is required");
		}
		else if (envelope.schemaVersion() != EventEnvelope.CURRENT_SCHEMA_VERSION) {
			violations.add("envelope.schemaVersion",
					"must be " + EventEnvelope.CURRENT_SCHEMA_VERSION + ", was " + envelope.schemaVersion());
		}
		violations.requireNonNull("envelope.eventId", envelope.eventId());
		violations.requireNonBlank("envelope.projectCode", envelope.projectCode());
		if (envelope.revision() == null) {
			violations.add("envelope.revision", "is required");
		}
		else if (envelope.revision() < 1) {
			violations.add("envelope.revision", "must be 1 or more, was " + envelope.revision());
		}
		boolean codeShaped = violations.requireMatch("envelope.provinceCode", envelope.provinceCode(), PROVINCE_CODE,
				"a two-digit province code");
		violations.requireNonNull("envelope.effectiveDate", envelope.effectiveDate());
		violations.requireNonNull("envelope.emittedAt", envelope.emittedAt());
		if (codeShaped && envelope.effectiveDate() != null
				&& !Provinces.standard().inForce(envelope.provinceCode(), envelope.effectiveDate())) {
			violations.add("envelope.provinceCode",
					"no province " + envelope.provinceCode() + " was in force on " + envelope.effectiveDate()
							+ " (units merged on " + Provinces.REORGANISATION
							+ " publish under the code of the unit that absorbed them)");
		}
	}

	private static void validateLicensed(Licensed event, Violations violations) {
		violations.requireNonNull("investmentType", event.investmentType());
		violations.requireNonBlank("projectName", event.projectName());
		if (event.investmentType() == InvestmentType.FDI) {
			violations.requireNonBlank("ircNumber", event.ircNumber());
		}
		validateEnterpriseCode(event.enterpriseCode(), false, violations);
		validateInvestors(event.investors(), violations);
		validateZone(event.zoneCode(), event.envelope(), violations);
		validateSector(event.sector(), violations);
		validatePositive("registeredCapital", event.registeredCapital(), event.investmentType(), violations);
		if (event.landAreaHa() != null && event.landAreaHa().signum() < 0) {
			violations.add("landAreaHa", "must not be negative");
		}
		if (event.plannedEmployment() != null && event.plannedEmployment() < 0) {
			violations.add("plannedEmployment", "must not be negative");
		}
		if (event.durationYears() != null && event.durationYears() <= 0) {
			violations.add("durationYears", "must be positive");
		}
	}

	private static void validateAdjusted(CapitalAdjusted event, Violations violations) {
		violations.requireNonNull("investmentType", event.investmentType());
		if (event.adjustmentNumber() == null) {
			violations.add("adjustmentNumber", "is required");
		}
		else if (event.adjustmentNumber() < 1) {
			violations.add("adjustmentNumber", "must be 1 or more, was " + event.adjustmentNumber());
		}
		if (event.investmentType() == InvestmentType.FDI) {
			violations.requireNonBlank("ircNumber", event.ircNumber());
		}
		if (validateCurrency("capitalChange", event.capitalChange(), event.investmentType(), violations)
				&& event.capitalChange().minorUnits() == 0) {
			violations.add("capitalChange.minorUnits", "must not be zero: an adjustment changes the capital");
		}
		if (validateCurrency("newRegisteredCapital", event.newRegisteredCapital(), event.investmentType(), violations)
				&& event.newRegisteredCapital().minorUnits() < 0) {
			violations.add("newRegisteredCapital.minorUnits", "must not be negative");
		}
	}

	private static void validateContributed(CapitalContributed event, Violations violations) {
		violations.requireNonNull("investmentType", event.investmentType());
		violations.requireNonNull("form", event.form());
		violations.requireNonNull("raisesCharterCapital", event.raisesCharterCapital());
		validateEnterpriseCode(event.enterpriseCode(), true, violations);
		violations.requireNonBlank("enterpriseName", event.enterpriseName());
		validateInvestors(event.investors(), violations);
		validateZone(event.zoneCode(), event.envelope(), violations);
		validateSector(event.sector(), violations);
		validatePositive("amount", event.amount(), event.investmentType(), violations);
	}

	private static void validateEnterpriseCode(String code, boolean required, Violations violations) {
		if (code != null || required) {
			violations.requireMatch("enterpriseCode", code, ENTERPRISE_CODE,
					"10 digits, or 10 digits + \"-\" + 3 digits for a branch");
		}
	}

	private static void validateInvestors(List<Investor> investors, Violations violations) {
		if (investors == null || investors.isEmpty()) {
			violations.add("investors", "at least one investor is required");
			return;
		}
		for (int i = 0; i < investors.size(); i++) {
			Investor investor = investors.get(i);
			String path = "investors[" + i + "]";
			if (investor == null) {
				violations.add(path, "is required");
				continue;
			}
			violations.requireNonBlank(path + ".name", investor.name());
			if (investor.country() == null) {
				violations.add(path + ".country", "is required");
			}
			else if (!Countries.isKnown(investor.country())) {
				violations.add(path + ".country",
						"must be an ISO 3166-1 alpha-2 code in capitals, was \"" + investor.country() + "\"");
			}
		}
	}

	private static void validateZone(String zoneCode, EventEnvelope envelope, Violations violations) {
		if (zoneCode == null) {
			return;
		}
		Optional<Zone> zone = Zones.standard().find(zoneCode);
		if (zone.isEmpty()) {
			violations.add("zoneCode", "\"" + zoneCode + "\" is not in the reference list of zones");
			return;
		}
		if (envelope == null || envelope.effectiveDate() == null || envelope.provinceCode() == null
				|| !Provinces.standard().inForce(envelope.provinceCode(), envelope.effectiveDate())) {
			return;
		}
		String zoneProvince = zone.get().provinceCode();
		boolean sameProvince = zoneProvince.equals(envelope.provinceCode())
				|| (Provinces.standard().inForce(zoneProvince, Provinces.REORGANISATION.minusDays(1))
						&& Provinces.standard()
							.unitOn(zoneProvince, Provinces.REORGANISATION.minusDays(1), envelope.effectiveDate())
							.equals(envelope.provinceCode()));
		if (!sameProvince) {
			violations.add("zoneCode", "zone " + zoneCode + " lies in province " + zoneProvince + ", not in "
					+ envelope.provinceCode() + " on " + envelope.effectiveDate());
		}
	}

	private static void validateSector(Sector sector, Violations violations) {
		if (sector == null) {
			violations.add("sector", "is required");
			return;
		}
		Optional<VsicSection> section = (sector.section() != null) ? VsicSections.find(sector.section())
				: Optional.empty();
		if (section.isEmpty()) {
			violations.add("sector.section", "must be a VSIC 2018 section, A to U, was \"" + sector.section() + "\"");
		}
		if (sector.division() != null
				&& violations.requireMatch("sector.division", sector.division(), VSIC_DIVISION,
						"a 2-digit VSIC division or 4-digit class")
				&& section.isPresent() && !section.get().contains(sector.division())) {
			violations.add("sector.division", "division " + sector.division() + " is not in section " + sector.section()
					+ " (" + section.get().firstDivision() + "–" + section.get().lastDivision() + ")");
		}
	}

	private static void validatePositive(String field, Money money, InvestmentType type, Violations violations) {
		if (validateCurrency(field, money, type, violations) && money.minorUnits() <= 0) {
			violations.add(field + ".minorUnits", "must be positive");
		}
	}

	/**
	 * @return whether the amount is present (so that its value can be checked further)
	 */
	private static boolean validateCurrency(String field, Money money, InvestmentType type, Violations violations) {
		if (money == null) {
			violations.add(field, "is required");
			return false;
		}
		if (type != null && money.currency() != type.currency()) {
			violations.add(field + ".currency",
					type + " capital is recorded in " + type.currency() + ", was " + money.currency());
		}
		return true;
	}

	private static final class Violations {

		private final List<Violation> list = new ArrayList<>();

		void add(String field, String reason) {
			this.list.add(new Violation(field, reason));
		}

		void requireNonNull(String field, Object value) {
			if (value == null) {
				add(field, "is required");
			}
		}

		void requireNonBlank(String field, String value) {
			if (value == null || value.isBlank()) {
				add(field, "must not be blank");
			}
		}

		boolean requireMatch(String field, String value, Pattern pattern, String expected) {
			if (value == null) {
				add(field, "is required");
				return false;
			}
			if (!pattern.matcher(value).matches()) {
				add(field, "must be " + expected + ", was \"" + value + "\"");
				return false;
			}
			return true;
		}

	}

}
