package vn.investledger.events;

import java.text.Normalizer;
import java.time.Instant;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;

import vn.investledger.events.reference.VsicEditions;

/**
 * Checks an event against the contract, in two parts with one source each:
 * <ol>
 * <li>its structure, against the published JSON Schemas themselves
 * ({@code schemas/*.schema.json}, compiled once): types, required fields, enumerations,
 * patterns, lengths and the bounds of {@link Limits} a schema can state;</li>
 * <li>the rules no schema can state ({@link EventRules}): the reference data in force on
 * the effective date (province, zone, country, VSIC edition), the rules between fields
 * (an investment type's currency and IRC number, a suspension's end) and the dates
 * against the time of receipt.</li>
 * </ol>
 * Every failure comes back as a {@link Violation} naming the field's path and the reason,
 * one per field, in the order the schemas declare the fields. Used by the publisher
 * before sending, by the gateway on receipt and by the stream processor on consumption
 * (with the broker's append time as the time of receipt, so that a replay decides as the
 * first pass did), so that a rule holds wherever an event enters. The methods without
 * {@link VsicEditions} use the shipped tables.
 */
public final class EventValidator {

	private EventValidator() {
	}

	/**
	 * The published JSON Schemas, by name: each is the resource
	 * {@code schemas/<name>.schema.json} of this jar, and the validator compiles exactly
	 * these.
	 * @return the names, the event's schema first
	 */
	public static List<String> schemaNames() {
		return ContractSchemas.PUBLISHED;
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
		return validate(event, receivedAt, VsicEditions.standard());
	}

	/**
	 * Validates an event against a deployment's VSIC tables.
	 * @param event the event, possibly {@code null}
	 * @param receivedAt when it was received: the dates may not lie far after it
	 * @param vsic the VSIC editions in force
	 * @return every violation found, empty if the event is valid
	 */
	public static List<Violation> validate(LicensingEvent event, Instant receivedAt, VsicEditions vsic) {
		if (event == null) {
			return List.of(new Violation("", "an event is required"));
		}
		// its tree as the ledger will read it: with the same bounds on numbers, so that
		// what passes here passes there
		JsonNode tree;
		try {
			tree = EventJson.treeAsRead(event);
		}
		catch (StreamConstraintsException ex) {
			return List.of(new Violation("", ex.getOriginalMessage()));
		}
		return check(tree, event, receivedAt, vsic);
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
		return requireValid(event, receivedAt, VsicEditions.standard());
	}

	/**
	 * Validates an event against a deployment's VSIC tables and throws if it is invalid.
	 * @param event the event
	 * @param receivedAt when it was received
	 * @param vsic the VSIC editions in force
	 * @param <E> the event's type
	 * @return the same event
	 * @throws InvalidEventException listing every violation
	 */
	public static <E extends LicensingEvent> E requireValid(E event, Instant receivedAt, VsicEditions vsic) {
		List<Violation> violations = validate(event, receivedAt, vsic);
		if (!violations.isEmpty()) {
			throw new InvalidEventException(violations);
		}
		return event;
	}

	/**
	 * Reads an event's JSON and validates it, parsing it once: the tree is checked
	 * against the schemas and bound to the event the rules then check.
	 * @param json the UTF-8 JSON bytes
	 * @param receivedAt when it was received
	 * @param vsic the VSIC editions in force
	 * @return the event with its violations
	 * @throws EventTooLargeException if the bytes are more than
	 * {@link Limits#MAX_EVENT_BYTES}
	 * @throws JacksonException if the bytes are not an event's JSON (not JSON, an unknown
	 * kind, a value of the wrong type for its field)
	 */
	public static CheckedEvent read(byte[] json, Instant receivedAt, VsicEditions vsic) {
		JsonNode tree = EventJson.readTree(json);
		LicensingEvent event = EventJson.read(tree);
		if (event == null) {
			return new CheckedEvent(null, List.of(new Violation("", "an event is required")));
		}
		return new CheckedEvent(event, check(tree, event, receivedAt, vsic));
	}

	/**
	 * Reads an event's JSON and validates it against the shipped VSIC tables.
	 * @param json the UTF-8 JSON bytes
	 * @param receivedAt when it was received
	 * @return the event with its violations
	 * @throws EventTooLargeException if the bytes are more than
	 * {@link Limits#MAX_EVENT_BYTES}
	 * @throws JacksonException if the bytes are not an event's JSON
	 */
	public static CheckedEvent read(byte[] json, Instant receivedAt) {
		return read(json, receivedAt, VsicEditions.standard());
	}

	private static List<Violation> check(JsonNode tree, LicensingEvent event, Instant receivedAt, VsicEditions vsic) {
		ContractSchemas schemas = ContractSchemas.shipped();
		Violations violations = new Violations();
		// the structure first: a rule reads only fields whose shape is right
		schemas.check(event.kind(), tree, violations);
		new EventRules(vsic, receivedAt, violations).check(event);
		return violations.isEmpty() ? List.of() : violations.list(schemas.inFieldOrder(event.kind()));
	}

	/**
	 * A value quoted for a reason, cut to 80 characters so that a reason stays readable
	 * however long the value, with control, invisible and unpaired characters written as
	 * {@code \}{@code uXXXX} so that the reason shows what the value holds.
	 */
	/**
	 * A project code as the ledger takes it: in Unicode's composed form (NFC) and in
	 * plain widths (full-width characters and no-break spaces written plainly), so that a
	 * code an official types one of those ways finds the project.
	 * @param projectCode a code as typed
	 * @return the code as the ledger keys it
	 */
	public static String plainProjectCode(String projectCode) {
		return EventRules.plain(Normalizer.normalize(projectCode, Normalizer.Form.NFC));
	}

	static String quoted(String value) {
		if (value == null) {
			return "null";
		}
		int length = value.length();
		String shown = (length > 80) ? value.substring(0, 80) : value;
		StringBuilder text = new StringBuilder(shown.length() + 2).append('"');
		for (int i = 0; i < shown.length(); i++) {
			char c = shown.charAt(i);
			int type = Character.getType(c);
			if (Character.isHighSurrogate(c) && paired(shown, i)) {
				// a character beyond the first plane: shown unless invisible (a tag)
				int codePoint = shown.codePointAt(i);
				if (EventRules.invisible(codePoint)) {
					text.append(String.format("\\u%04X\\u%04X", (int) c, (int) shown.charAt(i + 1)));
				}
				else {
					text.append(c).append(shown.charAt(i + 1));
				}
				i++;
			}
			else if (Character.isISOControl(c) || EventRules.invisible(c) || type == Character.LINE_SEPARATOR
					|| type == Character.PARAGRAPH_SEPARATOR || Character.isSurrogate(c)) {
				text.append(String.format("\\u%04X", (int) c));
			}
			else if (c == '"' || c == '\\') {
				// so that a value's own quote or backslash is not read as the quoting's
				text.append('\\').append(c);
			}
			else {
				text.append(c);
			}
		}
		return (length > 80) ? text.append("…\" (").append(length).append(" characters)").toString()
				: text.append('"').toString();
	}

	private static boolean paired(String text, int i) {
		char c = text.charAt(i);
		return (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
				|| (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
	}

}
