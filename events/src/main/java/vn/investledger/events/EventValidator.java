package vn.investledger.events;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks an event against the contract's rules, the same rules the JSON Schemas state.
 * Used by the publisher before sending, by the gateway on receipt and by the stream
 * processor on consumption, so that a rule holds wherever an event enters.
 */
public final class EventValidator {

	private static final Pattern PROVINCE_CODE = Pattern.compile("\\d{2}");

	private static final Pattern ENTERPRISE_CODE = Pattern.compile("\\d{10}(-\\d{3})?");

	private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

	private static final Pattern VSIC_SECTION = Pattern.compile("[A-U]");

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
		violations.requireMatch("envelope.provinceCode", envelope.provinceCode(), PROVINCE_CODE,
				"a two-digit province code");
		violations.requireNonNull("envelope.effectiveDate", envelope.effectiveDate());
		violations.requireNonNull("envelope.emittedAt", envelope.emittedAt());
	}

	private static void validateLicensed(Licensed event, Violations violations) {
		violations.requireNonNull("investmentType", event.investmentType());
		violations.requireNonBlank("projectName", event.projectName());
		if (event.investmentType() == InvestmentType.FDI) {
			violations.requireNonBlank("ircNumber", event.ircNumber());
		}
		if (event.enterpriseCode() != null) {
			violations.requireMatch("enterpriseCode", event.enterpriseCode(), ENTERPRISE_CODE,
					"10 digits, or 10 digits + \"-\" + 3 digits for a branch");
		}
		validateInvestors(event.investors(), violations);
		if (event.zoneCode() != null) {
			violations.requireNonBlank("zoneCode", event.zoneCode());
		}
		validateSector(event.sector(), violations);
		validateCapital("registeredCapital", event.registeredCapital(), event.investmentType(), violations);
		if (event.registeredCapital() != null && event.registeredCapital().minorUnits() <= 0) {
			violations.add("registeredCapital.minorUnits", "must be positive for a new licence");
		}
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
			violations.requireMatch(path + ".country", investor.country(), COUNTRY,
					"an ISO 3166-1 alpha-2 code in capitals");
		}
	}

	private static void validateSector(Sector sector, Violations violations) {
		if (sector == null) {
			violations.add("sector", "is required");
			return;
		}
		violations.requireMatch("sector.section", sector.section(), VSIC_SECTION, "a VSIC 2018 section, A to U");
		if (sector.division() != null) {
			violations.requireMatch("sector.division", sector.division(), VSIC_DIVISION,
					"a 2-digit VSIC division or 4-digit class");
		}
	}

	private static void validateCapital(String field, Money money, InvestmentType type, Violations violations) {
		if (money == null) {
			violations.add(field, "is required");
			return;
		}
		if (type != null && money.currency() != type.currency()) {
			violations.add(field + ".currency",
					type + " capital is recorded in " + type.currency() + ", was " + money.currency());
		}
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

		void requireMatch(String field, String value, Pattern pattern, String expected) {
			if (value == null) {
				add(field, "is required");
			}
			else if (!pattern.matcher(value).matches()) {
				add(field, "must be " + expected + ", was \"" + value + "\"");
			}
		}

	}

}
