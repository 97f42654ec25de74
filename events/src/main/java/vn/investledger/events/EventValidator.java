package vn.investledger.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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
 * the country an ISO 3166-1 code, the VSIC division within its section; and every bound
 * of {@link Limits}: lengths, amounts, revisions, dates against the time of receipt. Used
 * by the publisher before sending, by the gateway on receipt and by the stream processor
 * on consumption (with the broker's append time as the time of receipt, so that a replay
 * decides as the first pass did), so that a rule holds wherever an event enters.
 */
public final class EventValidator {

	private static final Pattern PROVINCE_CODE = Pattern.compile("\\d{2}");

	private static final Pattern ENTERPRISE_CODE = Pattern.compile("\\d{10}(-\\d{3})?");

	private static final Pattern VSIC_DIVISION = Pattern.compile("\\d{2}|\\d{4}");

	private EventValidator() {
	}

	/**
	 * Validates an event received now.
	 * @param event the event, possibly {@code null}
	 * @return every violation found, empty if the event is valid
	 */
	public static List<Violation> validate(LicensingEvent event) {
		return validate(event, Instant.now());
	}

	/**
	 * Validates an event.
	 * @param event the event, possibly {@code null}
	 * @param receivedAt when it was received: the dates may not lie far after it
	 * @return every violation found, empty if the event is valid
	 */
	public static List<Violation> validate(LicensingEvent event, Instant receivedAt) {
		Violations violations = new Violations();
		if (event == null) {
			violations.add("", "an event is required");
			return violations.list;
		}
		validateEnvelope(event.envelope(), receivedAt, violations);
		switch (event) {
			case Licensed licensed -> validateLicensed(licensed, violations);
			case CapitalAdjusted adjusted -> validateAdjusted(adjusted, violations);
			case CapitalContributed contributed -> validateContributed(contributed, violations);
			case Disbursed disbursed -> {
				violations.requireNonNull("investmentType", disbursed.investmentType());
				validatePositive("amount", disbursed.amount(), disbursed.investmentType(), violations);
			}
			case Suspended suspended -> {
				violations.optionalText("reason", suspended.reason(), Limits.MAX_REASON_LENGTH);
				LocalDate from = (suspended.envelope() != null) ? suspended.envelope().effectiveDate() : null;
				if (suspended.until() != null && from != null) {
					if (suspended.until().isBefore(from)) {
						violations.add("until", "must not be before envelope.effectiveDate");
					}
					else if (suspended.until().isAfter(from.plusYears(Limits.MAX_SUSPENSION_YEARS))) {
						violations.add("until", "must be at most " + Limits.MAX_SUSPENSION_YEARS
								+ " years after envelope.effectiveDate, was " + suspended.until());
					}
				}
			}
			case Resumed resumed -> violations.optionalText("reason", resumed.reason(), Limits.MAX_REASON_LENGTH);
			case Terminated terminated -> {
				violations.requireNonNull("reason", terminated.reason());
				violations.optionalText("decisionNumber", terminated.decisionNumber(),
						Limits.MAX_DOCUMENT_NUMBER_LENGTH);
			}
		}
		return violations.list;
	}

	/**
	 * Validates an event received now and throws if it is invalid.
	 * @param event the event
	 * @param <E> the event's type
	 * @return the same event
	 * @throws InvalidEventException listing every violation
	 */
	public static <E extends LicensingEvent> E requireValid(E event) {
		return requireValid(event, Instant.now());
	}

	/**
	 * Validates an event and throws if it is invalid.
	 * @param event the event
	 * @param receivedAt when it was received
	 * @param <E> the event's type
	 * @return the same event
	 * @throws InvalidEventException listing every violation
	 */
	public static <E extends LicensingEvent> E requireValid(E event, Instant receivedAt) {
		List<Violation> violations = validate(event, receivedAt);
		if (!violations.isEmpty()) {
			throw new InvalidEventException(violations);
		}
		return event;
	}

	private static void validateEnvelope(EventEnvelope envelope, Instant receivedAt, Violations violations) {
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
		String code = envelope.projectCode();
		if (violations.requireText("envelope.projectCode", code, Limits.MAX_PROJECT_CODE_LENGTH)) {
			if (isSpace(code.charAt(0)) || isSpace(code.charAt(code.length() - 1))) {
				violations.add("envelope.projectCode",
						"must not begin or end with white space (it is the project's key), was " + quoted(code));
			}
			else if (code.chars().anyMatch((c) -> Character.getType(c) == Character.FORMAT)) {
				violations.add("envelope.projectCode",
						"must not contain invisible characters (zero-width spaces, joiners, marks), was "
								+ quoted(code));
			}
		}
		if (envelope.revision() == null) {
			violations.add("envelope.revision", "is required");
		}
		else if (envelope.revision() < 1 || envelope.revision() > Limits.MAX_REVISION) {
			violations.add("envelope.revision", "must be 1 to " + Limits.MAX_REVISION + ", was " + envelope.revision());
		}
		boolean codeShaped = violations.requireMatch("envelope.provinceCode", envelope.provinceCode(), PROVINCE_CODE,
				"a two-digit province code");
		validateDates(envelope, receivedAt, violations);
		if (codeShaped && envelope.effectiveDate() != null
				&& !Provinces.standard().inForce(envelope.provinceCode(), envelope.effectiveDate())) {
			violations.add("envelope.provinceCode",
					"no province " + envelope.provinceCode() + " was in force on " + envelope.effectiveDate()
							+ " (units merged on " + Provinces.REORGANISATION
							+ " publish under the code of the unit that absorbed them)");
		}
	}

	/**
	 * Effective date and emission time: not before {@link Limits#EARLIEST_DATE}, not
	 * after the time of receipt (plus {@link Limits#MAX_EFFECTIVE_DAYS_AHEAD} for the
	 * effective date, {@link Limits#MAX_CLOCK_SKEW} for the emission).
	 */
	private static void validateDates(EventEnvelope envelope, Instant receivedAt, Violations violations) {
		LocalDate effective = envelope.effectiveDate();
		LocalDate received = receivedAt.atZone(Limits.VIETNAM).toLocalDate();
		if (effective == null) {
			violations.add("envelope.effectiveDate", "is required");
		}
		else if (effective.isBefore(Limits.EARLIEST_DATE)) {
			violations.add("envelope.effectiveDate", "must not be before " + Limits.EARLIEST_DATE
					+ " (the Law on Foreign Investment), was " + effective);
		}
		else if (effective.isAfter(received.plusDays(Limits.MAX_EFFECTIVE_DAYS_AHEAD))) {
			violations.add("envelope.effectiveDate", "must be at most " + Limits.MAX_EFFECTIVE_DAYS_AHEAD
					+ " days after the day it is received (" + received + "), was " + effective);
		}
		Instant emitted = envelope.emittedAt();
		if (emitted == null) {
			violations.add("envelope.emittedAt", "is required");
		}
		else if (emitted.isBefore(Limits.EARLIEST_DATE.atStartOfDay(Limits.VIETNAM).toInstant())) {
			violations.add("envelope.emittedAt",
					"must not be before " + Limits.EARLIEST_DATE + " (the Law on Foreign Investment), was " + emitted);
		}
		else if (emitted.isAfter(receivedAt.plus(Limits.MAX_CLOCK_SKEW))) {
			violations.add("envelope.emittedAt", "must not be more than " + Limits.MAX_CLOCK_SKEW.toMinutes()
					+ " minutes after it is received (" + receivedAt + "), was " + emitted);
		}
	}

	private static void validateLicensed(Licensed event, Violations violations) {
		violations.requireNonNull("investmentType", event.investmentType());
		violations.requireText("projectName", event.projectName(), Limits.MAX_NAME_LENGTH);
		validateIrcNumber(event.ircNumber(), event.investmentType(), violations);
		validateEnterpriseCode(event.enterpriseCode(), false, violations);
		validateInvestors(event.investors(), violations);
		validateZone(event.zoneCode(), event.envelope(), violations);
		validateSector(event.sector(), violations);
		validatePositive("registeredCapital", event.registeredCapital(), event.investmentType(), violations);
		validateLandArea(event.landAreaHa(), violations);
		if (event.plannedEmployment() != null
				&& (event.plannedEmployment() < 0 || event.plannedEmployment() > Limits.MAX_EMPLOYMENT)) {
			violations.add("plannedEmployment",
					"must be 0 to " + Limits.MAX_EMPLOYMENT + ", was " + event.plannedEmployment());
		}
		if (event.durationYears() != null
				&& (event.durationYears() <= 0 || event.durationYears() > Limits.MAX_DURATION_YEARS)) {
			violations.add("durationYears",
					"must be 1 to " + Limits.MAX_DURATION_YEARS + ", was " + event.durationYears());
		}
	}

	private static void validateLandArea(BigDecimal area, Violations violations) {
		if (area == null) {
			return;
		}
		if (area.signum() < 0) {
			violations.add("landAreaHa", "must not be negative");
		}
		else if (area.compareTo(BigDecimal.valueOf(Limits.MAX_LAND_AREA_HA)) > 0) {
			violations.add("landAreaHa", "must be at most " + Limits.MAX_LAND_AREA_HA + " ha, was "
					+ ((area.precision() > 20) ? "a " + area.precision() + "-digit number" : area.toPlainString()));
		}
		else if (area.stripTrailingZeros().scale() > Limits.LAND_AREA_SCALE) {
			violations.add("landAreaHa", "must have at most " + Limits.LAND_AREA_SCALE + " decimals (1 m²)");
		}
	}

	private static void validateIrcNumber(String ircNumber, InvestmentType type, Violations violations) {
		if (type == InvestmentType.FDI) {
			violations.requireText("ircNumber", ircNumber, Limits.MAX_DOCUMENT_NUMBER_LENGTH);
		}
		else {
			violations.optionalText("ircNumber", ircNumber, Limits.MAX_DOCUMENT_NUMBER_LENGTH);
		}
	}

	private static void validateAdjusted(CapitalAdjusted event, Violations violations) {
		violations.requireNonNull("investmentType", event.investmentType());
		if (event.adjustmentNumber() == null) {
			violations.add("adjustmentNumber", "is required");
		}
		else if (event.adjustmentNumber() < 1 || event.adjustmentNumber() > Limits.MAX_REVISION) {
			violations.add("adjustmentNumber",
					"must be 1 to " + Limits.MAX_REVISION + ", was " + event.adjustmentNumber());
		}
		validateIrcNumber(event.ircNumber(), event.investmentType(), violations);
		if (validateAmount("capitalChange", event.capitalChange(), event.investmentType(), violations)
				&& event.capitalChange().minorUnits() == 0) {
			violations.add("capitalChange.minorUnits", "must not be zero: an adjustment changes the capital");
		}
		if (validateAmount("newRegisteredCapital", event.newRegisteredCapital(), event.investmentType(), violations)
				&& event.newRegisteredCapital().minorUnits() < 0) {
			violations.add("newRegisteredCapital.minorUnits", "must not be negative");
		}
	}

	private static void validateContributed(CapitalContributed event, Violations violations) {
		violations.requireNonNull("investmentType", event.investmentType());
		violations.requireNonNull("form", event.form());
		violations.requireNonNull("raisesCharterCapital", event.raisesCharterCapital());
		validateEnterpriseCode(event.enterpriseCode(), true, violations);
		violations.requireText("enterpriseName", event.enterpriseName(), Limits.MAX_NAME_LENGTH);
		violations.optionalText("ircNumber", event.ircNumber(), Limits.MAX_DOCUMENT_NUMBER_LENGTH);
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
		if (investors.size() > Limits.MAX_INVESTORS) {
			violations.add("investors", "at most " + Limits.MAX_INVESTORS + " investors, was " + investors.size());
			return;
		}
		for (int i = 0; i < investors.size(); i++) {
			Investor investor = investors.get(i);
			String path = "investors[" + i + "]";
			if (investor == null) {
				violations.add(path, "is required");
				continue;
			}
			violations.requireText(path + ".name", investor.name(), Limits.MAX_INVESTOR_NAME_LENGTH);
			if (investor.country() == null) {
				violations.add(path + ".country", "is required");
			}
			else if (!Countries.isKnown(investor.country())) {
				violations.add(path + ".country",
						"must be an ISO 3166-1 alpha-2 code in capitals, was " + quoted(investor.country()));
			}
		}
	}

	private static void validateZone(String zoneCode, EventEnvelope envelope, Violations violations) {
		if (zoneCode == null) {
			return;
		}
		Optional<Zone> zone = Zones.standard().find(zoneCode);
		if (zone.isEmpty()) {
			violations.add("zoneCode", quoted(zoneCode) + " is not in the reference list of zones");
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
			violations.add("sector.section", "must be a VSIC 2018 section, A to U, was " + quoted(sector.section()));
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
		if (validateAmount(field, money, type, violations) && money.minorUnits() <= 0) {
			violations.add(field + ".minorUnits", "must be positive");
		}
	}

	/**
	 * The currency is the type's, and the amount within {@link Limits#maxMinorUnits}
	 * either way.
	 * @return whether the amount is present and within its bound (so that its value can
	 * be checked further)
	 */
	private static boolean validateAmount(String field, Money money, InvestmentType type, Violations violations) {
		if (money == null) {
			violations.add(field, "is required");
			return false;
		}
		if (type != null && money.currency() != type.currency()) {
			violations.add(field + ".currency",
					type + " capital is recorded in " + type.currency() + ", was " + money.currency());
		}
		long max = Limits.maxMinorUnits(money.currency());
		if (money.minorUnits() > max || money.minorUnits() < -max) {
			violations.add(field + ".minorUnits",
					"must be within ±" + max + " " + money.currency() + " minor units ("
							+ new Money(max, money.currency()) + ", ten times the largest real project), was "
							+ money.minorUnits());
			return false;
		}
		return true;
	}

	/**
	 * White space as the JSON Schemas' patterns (ECMAScript's {@code \\s}) see it: the
	 * ASCII spaces and line ends, the no-break spaces, every Unicode space separator, the
	 * line and paragraph separators and the byte-order mark. One definition, so that the
	 * validator and the schemas refuse the same codes and names.
	 * @param c a character
	 * @return whether it is white space
	 */
	static boolean isSpace(char c) {
		return (c >= '\t' && c <= '\r') || c == ' ' || c == '\u00A0' || c == '\u1680'
				|| (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F'
				|| c == '\u3000' || c == '\uFEFF';
	}

	/**
	 * A value quoted for a reason, cut to 80 characters so that a reason stays readable
	 * however long the value.
	 */
	static String quoted(String value) {
		if (value == null) {
			return "null";
		}
		return "\"" + ((value.length() > 80) ? value.substring(0, 80) + "…\" (" + value.length() + " characters)"
				: value + "\"");
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

		/**
		 * Required text: present, not blank, and {@link #checkText checked}.
		 * @return whether it is fine
		 */
		boolean requireText(String field, String value, int maxLength) {
			if (value == null || value.chars().allMatch((c) -> isSpace((char) c))) {
				add(field, "must not be blank");
				return false;
			}
			return checkText(field, value, maxLength);
		}

		/**
		 * Optional text: absent, or present and {@link #checkText checked}.
		 */
		void optionalText(String field, String value, int maxLength) {
			if (value != null) {
				checkText(field, value, maxLength);
			}
		}

		/**
		 * At most {@code maxLength} characters (code points), no control characters (a
		 * tab or line break pasted into a name breaks every report and export), and
		 * well-formed Unicode (a lone surrogate cannot be written as UTF-8).
		 * @return whether it is fine
		 */
		boolean checkText(String field, String value, int maxLength) {
			if (value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength) {
				add(field,
						"must be at most " + maxLength + " characters, was " + value.codePointCount(0, value.length()));
				return false;
			}
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
					add(field, "must not contain control characters or line breaks, found U+"
							+ String.format("%04X", (int) c) + " at character " + i);
					return false;
				}
				if (Character.isHighSurrogate(c) && i + 1 < value.length()
						&& Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
				}
				else if (Character.isSurrogate(c)) {
					add(field, "must be well-formed Unicode, found a lone surrogate at character " + i);
					return false;
				}
			}
			return true;
		}

		boolean requireMatch(String field, String value, Pattern pattern, String expected) {
			if (value == null) {
				add(field, "is required");
				return false;
			}
			if (!pattern.matcher(value).matches()) {
				add(field, "must be " + expected + ", was " + quoted(value));
				return false;
			}
			return true;
		}

	}

}
