package vn.investledger.events.reference;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Vietnam's provincial units with their effective-dated history: 63 units until 30 June
 * 2025 and 34 from 1 July 2025 (Resolution 202/2025/QH15). Events keep the province as
 * licensed; figures can be restated to the units in force today with {@link #unitOn}.
 */
public final class Provinces {

	/** The day the 34 provincial units took effect. */
	public static final LocalDate REORGANISATION = LocalDate.of(2025, 7, 1);

	private static final Provinces STANDARD = new Provinces(
			ReferenceCsv.read("/reference/provinces.csv", "code,name,valid_from,valid_to,merged_into")
				.stream()
				.map((row) -> new ProvinceUnit(row[0], row[1], date(row[2]), date(row[3]), blankToNull(row[4])))
				.toList());

	private final List<ProvinceUnit> units;

	private final Map<String, List<ProvinceUnit>> byCode;

	Provinces(List<ProvinceUnit> units) {
		this.units = List.copyOf(units);
		this.byCode = this.units.stream().collect(Collectors.groupingBy(ProvinceUnit::code));
	}

	/**
	 * The provinces as shipped in {@code reference/provinces.csv}.
	 * @return the standard reference
	 */
	public static Provinces standard() {
		return STANDARD;
	}

	public List<ProvinceUnit> all() {
		return this.units;
	}

	/**
	 * The table's fingerprint: the same for the same units, whatever their order. A stock
	 * figure restated under one table and a subtraction restated under another would keep
	 * a project in a unit and take it from another.
	 * @return the fingerprint
	 */
	public String fingerprint() {
		return TableFingerprint.of(this.units.stream()
			.map((unit) -> String.join(",", unit.code(), unit.name(), String.valueOf(unit.validFrom()),
					String.valueOf(unit.validTo()), String.valueOf(unit.mergedInto())))
			.sorted()
			.toList());
	}

	/**
	 * The units a code denoted, in the order they came into force: one for most codes,
	 * two where a merged unit took the code of one it absorbed (24: Bắc Giang, then Bắc
	 * Ninh) or a unit was renamed (46: Thừa Thiên Huế, then Huế).
	 * @param code a two-digit code
	 * @return the units, empty if the code never denoted one
	 */
	public List<ProvinceUnit> unitsOf(String code) {
		return this.byCode.getOrDefault(code, List.of()).stream().sorted(ProvinceUnit.BY_VALIDITY).toList();
	}

	/**
	 * The unit a code denoted on a date.
	 * @param code a two-digit code
	 * @param date the date
	 * @return the unit, or empty if the code denoted none that day
	 */
	public Optional<ProvinceUnit> find(String code, LocalDate date) {
		for (ProvinceUnit unit : this.byCode.getOrDefault(code, List.of())) {
			if (unit.inForceOn(date)) {
				return Optional.of(unit);
			}
		}
		return Optional.empty();
	}

	/**
	 * The name of the unit a code denoted on a date, for a message.
	 * @param code a two-digit code
	 * @param date the date
	 * @return its name, or {@code ?} if the code denoted none that day
	 */
	public String nameOn(String code, LocalDate date) {
		return find(code, date).map(ProvinceUnit::name).orElse("?");
	}

	public boolean inForce(String code, LocalDate date) {
		return find(code, date).isPresent();
	}

	/**
	 * Restates a province as licensed to the unit in force on a later date, following
	 * mergers.
	 * @param code the code as licensed
	 * @param licensedOn the date it was licensed on (the event's effective date)
	 * @param on the date to restate to, e.g. today
	 * @return the code of the unit that holds that territory on {@code on}
	 * @throws IllegalArgumentException if the code denoted no unit on {@code licensedOn}
	 */
	public String unitOn(String code, LocalDate licensedOn, LocalDate on) {
		ProvinceUnit unit = find(code, licensedOn)
			.orElseThrow(() -> new IllegalArgumentException("No province " + code + " on " + licensedOn));
		while (unit.validTo() != null && unit.validTo().isBefore(on)) {
			LocalDate next = unit.validTo().plusDays(1);
			String successor = (unit.mergedInto() != null) ? unit.mergedInto() : unit.code();
			unit = find(successor, next).orElseThrow(
					() -> new IllegalStateException("Reference data: no successor of " + code + " on " + next));
		}
		return unit.code();
	}

	/**
	 * Restates a province as licensed to the unit that holds its territory after every
	 * reorganisation known to the reference data: the same answer whenever it is asked,
	 * so replays give the same figures.
	 * @param code the code as licensed
	 * @param licensedOn the date it was licensed on
	 * @return the code of today's unit
	 */
	public String latestUnitOf(String code, LocalDate licensedOn) {
		return unitOn(code, licensedOn, LocalDate.MAX);
	}

	/**
	 * The unit that holds, after every reorganisation known to the reference data, the
	 * territory a code last denoted: 31 for Hải Phòng (31), and 31 for Hải Dương (30),
	 * which Hải Phòng absorbed. The same answer whenever it is asked, so replays decide
	 * alike.
	 * @param code a two-digit code, e.g. the suffix of an event topic
	 * @return today's unit, or empty if the code never denoted a unit
	 */
	public Optional<String> currentUnitOf(String code) {
		List<ProvinceUnit> incarnations = this.byCode.get(code);
		if (incarnations == null) {
			return Optional.empty();
		}
		ProvinceUnit last = incarnations.stream().max(ProvinceUnit.BY_VALIDITY).orElseThrow();
		LocalDate day = (last.validTo() != null) ? last.validTo()
				: (last.validFrom() != null) ? last.validFrom() : REORGANISATION;
		return Optional.of(latestUnitOf(code, day));
	}

	/**
	 * The codes of the units no reorganisation has ended: the 34 units since 1 July 2025.
	 * @return the codes, sorted
	 */
	public Set<String> currentCodes() {
		Set<String> codes = new TreeSet<>();
		this.units.stream().filter((unit) -> unit.validTo() == null).forEach((unit) -> codes.add(unit.code()));
		return codes;
	}

	/**
	 * The codes in force on a date.
	 * @param date the date
	 * @return the codes, sorted
	 */
	public Set<String> codesInForce(LocalDate date) {
		Set<String> codes = new TreeSet<>();
		this.units.stream().filter((unit) -> unit.inForceOn(date)).forEach((unit) -> codes.add(unit.code()));
		return codes;
	}

	/**
	 * The codes whose events a current unit may publish: its own and those of the units
	 * it absorbed.
	 * @param currentCode the code of a unit in force today
	 * @param today today
	 * @return the codes
	 */
	public Set<String> codesPublishableBy(String currentCode, LocalDate today) {
		Set<String> codes = new TreeSet<>();
		for (ProvinceUnit unit : this.units) {
			LocalDate lastDay = (unit.validTo() != null) ? unit.validTo() : today;
			if (unitOn(unit.code(), lastDay, today).equals(currentCode)) {
				codes.add(unit.code());
			}
		}
		return codes;
	}

	private static LocalDate date(String text) {
		return text.isBlank() ? null : LocalDate.parse(text);
	}

	private static String blankToNull(String text) {
		return text.isBlank() ? null : text;
	}

}
