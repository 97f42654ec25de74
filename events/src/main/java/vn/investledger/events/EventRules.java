package vn.investledger.events;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import vn.investledger.events.reference.Countries;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.VsicEdition;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.events.reference.VsicSection;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.reference.Zones;

/**
 * The rules no schema can state, checked on an event the schemas have read: those that
 * need reference data by date (the province in force, the zone and its province, the
 * country's code, the VSIC edition in force), those between fields (an investment type's
 * currency and IRC number, a suspension's end) and the dates against the time of receipt.
 * Each rule reads only what the schema let through, so a field refused for its shape is
 * not refused twice.
 */
final class EventRules {

	private static final Pattern PROVINCE_CODE = Pattern.compile("\\d{2}");

	private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");

	private static final Pattern SECTION_LETTER = Pattern.compile("[A-Z]");

	private final VsicEditions vsic;

	private final Instant receivedAt;

	private final Violations violations;

	EventRules(VsicEditions vsic, Instant receivedAt, Violations violations) {
		this.vsic = vsic;
		this.receivedAt = receivedAt;
		this.violations = violations;
	}

	void check(LicensingEvent event) {
		EventEnvelope envelope = event.envelope();
		if (envelope != null) {
			dates(envelope);
			province(envelope);
			projectCode(envelope.projectCode());
		}
		LocalDate effective = (envelope != null) ? envelope.effectiveDate() : null;
		switch (event) {
			case Licensed licensed -> {
				ircNumber(licensed.investmentType(), licensed.ircNumber());
				currency("registeredCapital", licensed.registeredCapital(), licensed.investmentType());
				countries(licensed.investors());
				zone(licensed.zoneCode(), envelope);
				sector(licensed.sector(), effective);
			}
			case CapitalAdjusted adjusted -> {
				ircNumber(adjusted.investmentType(), adjusted.ircNumber());
				currency("capitalChange", adjusted.capitalChange(), adjusted.investmentType());
				currency("newRegisteredCapital", adjusted.newRegisteredCapital(), adjusted.investmentType());
			}
			case CapitalContributed contributed -> {
				currency("amount", contributed.amount(), contributed.investmentType());
				countries(contributed.investors());
				zone(contributed.zoneCode(), envelope);
				sector(contributed.sector(), effective);
			}
			case Disbursed disbursed -> currency("amount", disbursed.amount(), disbursed.investmentType());
			case Suspended suspended -> until(suspended.until(), effective);
			case Resumed resumed -> {
				// a reason at most: the schema says all
			}
			case Terminated terminated -> {
				// a reason and a decision number: the schema says all
			}
		}
	}

	/**
	 * Effective date and emission time: not before {@link Limits#EARLIEST_DATE}, not
	 * after the time of receipt (plus {@link Limits#MAX_EFFECTIVE_DAYS_AHEAD} for the
	 * effective date, {@link Limits#MAX_CLOCK_SKEW} for the emission).
	 */
	private void dates(EventEnvelope envelope) {
		LocalDate effective = envelope.effectiveDate();
		LocalDate received = this.receivedAt.atZone(Limits.VIETNAM).toLocalDate();
		if (effective != null && effective.isBefore(Limits.EARLIEST_DATE)) {
			add("envelope.effectiveDate", "must not be before " + Limits.EARLIEST_DATE
					+ " (the Law on Foreign Investment), was " + effective);
		}
		else if (effective != null && effective.isAfter(received.plusDays(Limits.MAX_EFFECTIVE_DAYS_AHEAD))) {
			add("envelope.effectiveDate", "must be at most " + Limits.MAX_EFFECTIVE_DAYS_AHEAD
					+ " days after the day it is received (" + received + "), was " + effective);
		}
		Instant emitted = envelope.emittedAt();
		if (emitted != null && emitted.isBefore(Limits.EARLIEST_DATE.atStartOfDay(Limits.VIETNAM).toInstant())) {
			add("envelope.emittedAt",
					"must not be before " + Limits.EARLIEST_DATE + " (the Law on Foreign Investment), was " + emitted);
		}
		else if (emitted != null && emitted.isAfter(this.receivedAt.plus(Limits.MAX_CLOCK_SKEW))) {
			add("envelope.emittedAt", "must not be more than " + Limits.MAX_CLOCK_SKEW.toMinutes()
					+ " minutes after it is received (" + this.receivedAt + "), was " + emitted);
		}
	}

	/** The province must be a unit in force on the effective date. */
	private void province(EventEnvelope envelope) {
		String code = envelope.provinceCode();
		LocalDate effective = envelope.effectiveDate();
		if (code != null && PROVINCE_CODE.matcher(code).matches() && effective != null
				&& !Provinces.standard().inForce(code, effective)) {
			add("envelope.provinceCode", "no province " + code + " was in force on " + effective + " (units merged on "
					+ Provinces.REORGANISATION + " publish under the code of the unit that absorbed them)");
		}
	}

	/**
	 * The project's key is written in Unicode's composed form (NFC) and without
	 * compatibility characters (NFKC): the same letters written decomposed (a base letter
	 * and combining marks, as macOS and some Vietnamese keyboards write {@code ố}), or
	 * the same digits full-width ({@code ０１２}, as Asian input methods type them), would
	 * be another project's code, whose licence would be counted again.
	 */
	private void projectCode(String code) {
		int invisible = (code != null) ? code.codePoints().filter(EventRules::invisible).findFirst().orElse(-1) : -1;
		if (invisible >= 0) {
			add("envelope.projectCode",
					"must not contain invisible characters: " + String.format("U+%04X", invisible) + " at character "
							+ (code.codePoints().takeWhile((c) -> c != invisible).count() + 1)
							+ " (written with it, the same code on screen would be another project's)");
		}
		if (code != null && !Normalizer.isNormalized(code, Normalizer.Form.NFC)) {
			add("envelope.projectCode", "must be written in Unicode's composed form (NFC), e.g. not with accents"
					+ " typed as separate marks: written otherwise, the same code would be another project's; in NFC it"
					+ " reads " + EventValidator.quoted(Normalizer.normalize(code, Normalizer.Form.NFC)));
		}
		int variant = (code != null) ? code.codePoints().filter(EventRules::widthVariant).findFirst().orElse(-1) : -1;
		if (variant >= 0) {
			add("envelope.projectCode", "must not contain full-width characters or no-break spaces: "
					+ String.format("U+%04X", variant) + " at character "
					+ (code.codePoints().takeWhile((c) -> c != variant).count() + 1)
					+ " (as Asian input methods and word processors write them, the same code on screen would be"
					+ " another project's); written plainly it reads " + EventValidator.quoted(plain(code)));
		}
	}

	/**
	 * Whether a character is a width or spacing variant of a plain one, looking like it:
	 * the full-width forms of ASCII ({@code ０１２} for {@code 012}, as Asian input methods
	 * type them), the ideographic space and the no-break spaces. Other compatibility
	 * characters ({@code №}, {@code ²}, {@code Ⅱ}) are taken as written: a project code
	 * is opaque.
	 * @param codePoint a code point
	 * @return whether it is such a variant
	 */
	static boolean widthVariant(int codePoint) {
		return (codePoint >= 0xFF01 && codePoint <= 0xFF5E) || codePoint == 0x3000 || codePoint == 0x00A0
				|| codePoint == 0x2007 || codePoint == 0x202F;
	}

	/**
	 * A code with its width and spacing variants written plainly.
	 * @param code a project code
	 * @return the code in ASCII widths and plain spaces
	 */
	static String plain(String code) {
		StringBuilder plain = new StringBuilder(code.length());
		code.codePoints().forEach((c) -> {
			if (c >= 0xFF01 && c <= 0xFF5E) {
				plain.append((char) (c - 0xFEE0));
			}
			else if (widthVariant(c)) {
				plain.append(' ');
			}
			else {
				plain.appendCodePoint(c);
			}
		});
		return plain.toString();
	}

	/**
	 * Whether a character shows nothing: Unicode's format characters (zero-width spaces
	 * and joiners, direction marks, the byte order mark, tags) and its other
	 * default-ignorable code points (the combining grapheme joiner, the variation
	 * selectors, the Hangul fillers), and the blank braille pattern. A project code
	 * holding one looks on screen like the code without it, and would be another
	 * project's.
	 * @param codePoint a code point
	 * @return whether it is invisible
	 */
	static boolean invisible(int codePoint) {
		return Character.getType(codePoint) == Character.FORMAT || codePoint == 0x034F
				|| (codePoint >= 0x115F && codePoint <= 0x1160) || (codePoint >= 0x17B4 && codePoint <= 0x17B5)
				|| (codePoint >= 0x180B && codePoint <= 0x180F) || codePoint == 0x2065 || codePoint == 0x2800
				|| codePoint == 0x3164 || (codePoint >= 0xFE00 && codePoint <= 0xFE0F) || codePoint == 0xFFA0
				|| (codePoint >= 0xFFF0 && codePoint <= 0xFFF8) || (codePoint >= 0xE0000 && codePoint <= 0xE0FFF);
	}

	/** An FDI licence or adjustment names its IRC; a DDI one may have none. */
	private void ircNumber(InvestmentType type, String ircNumber) {
		if (type == InvestmentType.FDI && ircNumber == null) {
			add("ircNumber", "is required for FDI (the Investment Registration Certificate's number)");
		}
	}

	/** FDI is recorded in USD, DDI in VND. */
	private void currency(String field, Money money, InvestmentType type) {
		if (type != null && money != null && money.currency() != type.currency()) {
			add(field + ".currency", type + " capital is recorded in " + type.currency() + ", was " + money.currency());
		}
	}

	/** An investor's country is an assigned ISO 3166-1 code. */
	private void countries(List<Investor> investors) {
		if (investors == null) {
			return;
		}
		for (int i = 0; i < investors.size(); i++) {
			Investor investor = investors.get(i);
			String country = (investor != null) ? investor.country() : null;
			if (country != null && COUNTRY_CODE.matcher(country).matches() && !Countries.isKnown(country)) {
				add("investors[" + i + "].country",
						"must be an assigned ISO 3166-1 alpha-2 code, was " + EventValidator.quoted(country));
			}
		}
	}

	/**
	 * The zone is in the reference list and in the event's province, or in a unit that
	 * province absorbed.
	 */
	private void zone(String zoneCode, EventEnvelope envelope) {
		if (zoneCode == null || zoneCode.isEmpty()) {
			return;
		}
		Optional<Zone> zone = Zones.standard().find(zoneCode);
		if (zone.isEmpty()) {
			add("zoneCode", EventValidator.quoted(zoneCode) + " is not in the reference list of zones");
			return;
		}
		if (envelope == null || envelope.effectiveDate() == null || envelope.provinceCode() == null
				|| !Provinces.standard().inForce(envelope.provinceCode(), envelope.effectiveDate())) {
			return;
		}
		String zoneProvince = zone.get().provinceCode();
		LocalDate lastDayBefore = Provinces.REORGANISATION.minusDays(1);
		boolean sameProvince = zoneProvince.equals(envelope.provinceCode())
				|| (Provinces.standard().inForce(zoneProvince, lastDayBefore) && Provinces.standard()
					.unitOn(zoneProvince, lastDayBefore, envelope.effectiveDate())
					.equals(envelope.provinceCode()));
		if (!sameProvince) {
			add("zoneCode", "zone " + zoneCode + " lies in province " + zoneProvince + ", not in "
					+ envelope.provinceCode() + " on " + envelope.effectiveDate());
		}
	}

	/**
	 * The section is one of the VSIC edition in force on the effective date, and the
	 * division or class one of that section's.
	 */
	private void sector(Sector sector, LocalDate effective) {
		if (sector == null || sector.section() == null || effective == null
				|| !SECTION_LETTER.matcher(sector.section()).matches()) {
			return;
		}
		VsicEdition edition = this.vsic.inForceOn(effective);
		Optional<VsicSection> section = this.vsic.section(edition, sector.section());
		if (section.isEmpty()) {
			List<VsicSection> sections = this.vsic.sections(edition);
			add("sector.section",
					edition + ", the edition in force on " + effective + ", has sections " + sections.get(0).letter()
							+ " to " + sections.get(sections.size() - 1).letter() + ", not " + sector.section());
			return;
		}
		String code = sector.division();
		if (code != null && !this.violations.has("sector.division") && !section.get().contains(code)) {
			String where = this.vsic.sectionOf(code, effective)
				.map((other) -> code + " is in section " + other.letter())
				.orElse(code + " is in no section of " + edition);
			add("sector.division", "section " + sector.section() + " of " + edition + ", the edition in force on "
					+ effective + ", is divisions " + section.get().divisions() + "; " + where);
		}
	}

	/** A suspension ends on or after its effective date, at most ten years later. */
	private void until(LocalDate until, LocalDate from) {
		if (until == null || from == null) {
			return;
		}
		if (until.isBefore(from)) {
			add("until", "must not be before envelope.effectiveDate");
		}
		else if (from.getYear() <= Year.MAX_VALUE - Limits.MAX_SUSPENSION_YEARS
				&& until.isAfter(from.plusYears(Limits.MAX_SUSPENSION_YEARS))) {
			// (from a date in the last ten years a calendar holds, no date is later
			// still:
			// the effective date's own bound refuses it)
			add("until", "must be at most " + Limits.MAX_SUSPENSION_YEARS + " years after envelope.effectiveDate, was "
					+ until);
		}
	}

	private void add(String field, String reason) {
		this.violations.add(field, reason);
	}

}
