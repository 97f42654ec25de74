package vn.investledger.events.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The editions of the Vietnam Standard Industrial Classification, dated, with their
 * sections and the correspondence of each edition's divisions to the next edition's
 * sections. An event's sector is classified by the edition in force on its effective
 * date: VSIC 2018 until 14 November 2025, VSIC 2025 from 15 November 2025, where the old
 * section J was split into J and K and the old K to U moved one letter on.
 * <p>
 * The platform ships {@link #standard()} ({@code reference/vsic-sections.csv} and
 * {@code reference/vsic-correspondence.csv}); a deployment can load its own tables in the
 * same formats with {@link #read(Path, Path)}, e.g. to add an edition.
 */
public final class VsicEditions {

	/** The name of the edition in force from 15 November 2025. */
	public static final String VSIC_2025 = "VSIC 2025";

	private static final String SECTIONS_RESOURCE = "/reference/vsic-sections.csv";

	private static final String CORRESPONDENCE_RESOURCE = "/reference/vsic-correspondence.csv";

	private static final int SECTION_COLUMNS = 7;

	private static final String SECTIONS_HEADER = "edition,valid_from,valid_to,letter,first_division,last_division,name";

	private static final String CORRESPONDENCE_HEADER = "from_edition,from_section,division,to_edition,to_section";

	private static final int CORRESPONDENCE_COLUMNS = 5;

	private static final Pattern LETTER = Pattern.compile("[A-V]");

	private static final Pattern DIVISION = Pattern.compile("\\d{2}");

	private static final VsicEditions STANDARD = new VsicEditions(
			ReferenceCsv.read(SECTIONS_RESOURCE, SECTION_COLUMNS, SECTIONS_HEADER), SECTIONS_RESOURCE,
			ReferenceCsv.read(CORRESPONDENCE_RESOURCE, CORRESPONDENCE_COLUMNS, CORRESPONDENCE_HEADER),
			CORRESPONDENCE_RESOURCE);

	/** Oldest first. */
	private final List<VsicEdition> editions;

	private final Map<String, Integer> indexByName = new HashMap<>();

	/** Per edition (by index): its sections by letter, in the table's order. */
	private final List<Map<String, VsicSection>> sections = new ArrayList<>();

	/**
	 * Per edition but the newest (by index): each of its divisions to the section of the
	 * next edition that holds it.
	 */
	private final List<Map<Integer, VsicSection>> forward = new ArrayList<>();

	/** The tables' {@link TableFingerprint} of their {@link #rows()}. */
	private final String fingerprint;

	private VsicEditions(List<String[]> sectionRows, String sectionsSource, List<String[]> correspondenceRows,
			String correspondenceSource) {
		this.editions = parseSections(sectionRows, sectionsSource);
		for (int i = 0; i < this.editions.size(); i++) {
			this.indexByName.put(this.editions.get(i).name(), i);
		}
		parseCorrespondence(correspondenceRows, correspondenceSource);
		this.fingerprint = TableFingerprint.of(rows());
	}

	/**
	 * The tables shipped with the platform: VSIC 2018 and VSIC 2025.
	 * @return the shipped tables
	 */
	public static VsicEditions standard() {
		return STANDARD;
	}

	/**
	 * Reads a deployment's tables, in the formats of the shipped ones: UTF-8 CSV with the
	 * headers
	 * {@code edition,valid_from,valid_to,letter,first_division,last_division,name} and
	 * {@code from_edition,from_section,division,to_edition,to_section}.
	 * @param sections the sections file, or {@code null} for the shipped one
	 * @param correspondence the correspondence file, or {@code null} for the shipped one
	 * @return the tables
	 * @throws IllegalArgumentException naming the file and row if a row is malformed or
	 * the tables do not fit together
	 */
	public static VsicEditions read(Path sections, Path correspondence) {
		if (sections == null && correspondence == null) {
			return STANDARD;
		}
		return new VsicEditions(rows(sections, SECTIONS_RESOURCE, SECTION_COLUMNS, SECTIONS_HEADER),
				(sections != null) ? sections.toString() : SECTIONS_RESOURCE,
				rows(correspondence, CORRESPONDENCE_RESOURCE, CORRESPONDENCE_COLUMNS, CORRESPONDENCE_HEADER),
				(correspondence != null) ? correspondence.toString() : CORRESPONDENCE_RESOURCE);
	}

	/**
	 * Every edition, oldest first.
	 * @return the editions
	 */
	public List<VsicEdition> editions() {
		return this.editions;
	}

	/**
	 * An edition by name.
	 * @param name e.g. {@code VSIC 2018}
	 * @return the edition, or empty if the tables have none of that name
	 */
	public Optional<VsicEdition> edition(String name) {
		Integer index = this.indexByName.get(name);
		return (index != null) ? Optional.of(this.editions.get(index)) : Optional.empty();
	}

	/**
	 * The edition in force on a date: every date has one, since the first edition has no
	 * start and the newest no end.
	 * @param date an effective date
	 * @return the edition that classifies events of that date
	 */
	public VsicEdition inForceOn(LocalDate date) {
		Objects.requireNonNull(date, "date");
		for (int i = this.editions.size() - 1; i > 0; i--) {
			if (!date.isBefore(this.editions.get(i).validFrom())) {
				return this.editions.get(i);
			}
		}
		return this.editions.get(0);
	}

	/**
	 * The sections of an edition.
	 * @param edition an edition of these tables
	 * @return its sections, in letter order
	 */
	public List<VsicSection> sections(VsicEdition edition) {
		return List.copyOf(this.sections.get(index(edition)).values());
	}

	/**
	 * A section of an edition.
	 * @param edition an edition of these tables
	 * @param letter a section letter
	 * @return the section, or empty if the edition has no section of that letter
	 */
	public Optional<VsicSection> section(VsicEdition edition, String letter) {
		return Optional.ofNullable(this.sections.get(index(edition)).get(letter));
	}

	/**
	 * The section a letter denotes on a date, in the edition then in force.
	 * @param letter a section letter
	 * @param date an effective date
	 * @return the section, or empty if that edition has no section of that letter
	 */
	public Optional<VsicSection> section(String letter, LocalDate date) {
		return section(inForceOn(date), letter);
	}

	/**
	 * The section that holds a division or class on a date, in the edition then in force:
	 * division 62 (computer programming) is in J on 14 November 2025 and in K the day
	 * after.
	 * @param code a 2-digit division or a 4-digit class
	 * @param date an effective date
	 * @return the section, or empty if no section of that edition holds it
	 */
	public Optional<VsicSection> sectionOf(String code, LocalDate date) {
		return this.sections.get(index(inForceOn(date)))
			.values()
			.stream()
			.filter((section) -> section.contains(code))
			.findFirst();
	}

	/**
	 * The section of the newest edition of these tables (VSIC 2025 in the shipped ones)
	 * that a sector classified in it or an earlier edition belongs to, for sector series
	 * across changes of edition: the sector figures are in the newest edition's terms, as
	 * the provinces are in today's units. A table that adds an edition thus restates
	 * every sector into it, and is applied by a replay, as any change of the tables.
	 * @param edition the edition the sector was classified in
	 * @param letter its section letter in that edition
	 * @param code its division or class, or {@code null}
	 * @return the newest edition's section; empty if the letter is no section of the
	 * edition, the code does not belong to it, or no code is given for a section that was
	 * split (VSIC 2018 J)
	 * @throws IllegalArgumentException if the edition is not of these tables
	 */
	public Optional<VsicSection> restatedToNewest(VsicEdition edition, String letter, String code) {
		return restated(edition, letter, code, this.editions.getLast());
	}

	/**
	 * The section of a later edition that a sector classified in an earlier one belongs
	 * to, following the correspondence from edition to edition.
	 * @param from the edition the sector was classified in
	 * @param letter its section letter in that edition
	 * @param code its division or class, or {@code null}
	 * @param to the same or a later edition
	 * @return the section in {@code to}; empty if the letter is no section of
	 * {@code from}, the code does not belong to it, or no code is given for a section
	 * whose divisions went to several sections
	 * @throws IllegalArgumentException if an edition is not of these tables or {@code to}
	 * is older than {@code from}
	 */
	public Optional<VsicSection> restated(VsicEdition from, String letter, String code, VsicEdition to) {
		int first = index(from);
		int last = index(to);
		if (last < first) {
			throw new IllegalArgumentException(
					"A sector is restated to a later edition, not from " + from + " to " + to);
		}
		VsicSection section = this.sections.get(first).get(letter);
		if (section == null || (code != null && !section.contains(code))) {
			return Optional.empty();
		}
		int division = (code != null) ? VsicSection.division(code) : -1;
		for (int i = first; i < last; i++) {
			Map<Integer, VsicSection> next = this.forward.get(i);
			if (division >= 0) {
				section = next.get(division);
			}
			else {
				Set<VsicSection> targets = new LinkedHashSet<>();
				for (int d = section.firstDivision(); d <= section.lastDivision(); d++) {
					targets.add(next.get(d));
				}
				if (targets.size() != 1) {
					return Optional.empty();
				}
				section = targets.iterator().next();
			}
		}
		return Optional.of(section);
	}

	private int index(VsicEdition edition) {
		Integer index = (edition != null) ? this.indexByName.get(edition.name()) : null;
		if (index == null) {
			throw new IllegalArgumentException("No edition " + edition + " in these VSIC tables: " + this.editions);
		}
		return index;
	}

	private static List<String[]> rows(Path file, String resource, int columns, String header) {
		if (file == null) {
			return ReferenceCsv.read(resource, columns, header);
		}
		try (InputStream in = Files.newInputStream(file)) {
			return ReferenceCsv.read(in, columns, header, file.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the VSIC table " + file, ex);
		}
	}

	/**
	 * Reads the sections, checks that each edition's rows agree on its dates, that the
	 * editions follow each other without a gap, the first without a start and the newest
	 * without an end, and that no two sections of an edition share a letter or a
	 * division.
	 */
	private List<VsicEdition> parseSections(List<String[]> rows, String source) {
		Map<String, VsicEdition> editions = new LinkedHashMap<>();
		Map<String, List<VsicSection>> byEdition = new HashMap<>();
		for (int i = 0; i < rows.size(); i++) {
			String[] row = rows.get(i);
			try {
				if (row.length != SECTION_COLUMNS) {
					throw new IllegalArgumentException(
							"expected edition,valid_from,valid_to,letter,first_division,last_division,name");
				}
				VsicEdition edition = new VsicEdition(row[0].strip(), date(row[1]), date(row[2]));
				VsicEdition known = editions.putIfAbsent(edition.name(), edition);
				if (known != null && !known.equals(edition)) {
					throw new IllegalArgumentException("the dates of " + edition.name()
							+ " differ from its first row's (" + known.validFrom() + " to " + known.validTo() + ")");
				}
				String letter = match(LETTER, row[3].strip(),
						"a section letter A to V (the events' sectors, VSIC 2025's 22 sections)");
				int first = Integer.parseInt(match(DIVISION, row[4].strip(), "a two-digit division"));
				int last = Integer.parseInt(match(DIVISION, row[5].strip(), "a two-digit division"));
				if (row[6].isBlank()) {
					throw new IllegalArgumentException("the section has no name");
				}
				VsicSection section = new VsicSection(editions.get(edition.name()), letter, row[6].strip(), first,
						last);
				List<VsicSection> others = byEdition.computeIfAbsent(edition.name(), (name) -> new ArrayList<>());
				for (VsicSection other : others) {
					if (other.letter().equals(letter)) {
						throw new IllegalArgumentException(edition.name() + " has section " + letter + " twice");
					}
					if (first <= other.lastDivision() && other.firstDivision() <= last) {
						throw new IllegalArgumentException("divisions " + section.divisions() + " overlap section "
								+ other.letter() + " (" + other.divisions() + ")");
					}
				}
				others.add(section);
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				throw new IllegalArgumentException("VSIC sections " + source + ", row " + (i + 1) + " \""
						+ ReferenceCsv.shown(row) + "\": " + ex.getMessage(), ex);
			}
		}
		List<VsicEdition> ordered = new ArrayList<>(editions.values());
		if (ordered.isEmpty()) {
			throw new IllegalArgumentException("VSIC sections " + source + " has no edition");
		}
		ordered.sort((a, b) -> (a.validFrom() == null) ? -1
				: (b.validFrom() == null) ? 1 : a.validFrom().compareTo(b.validFrom()));
		for (int i = 0; i < ordered.size(); i++) {
			VsicEdition edition = ordered.get(i);
			boolean firstEdition = i == 0;
			boolean newest = i == ordered.size() - 1;
			if (firstEdition != (edition.validFrom() == null)) {
				throw new IllegalArgumentException(
						"VSIC sections " + source + ": only the first edition has no valid_from, " + edition.name()
								+ (firstEdition ? " has " + edition.validFrom() : " has none"));
			}
			if (newest != (edition.validTo() == null)) {
				throw new IllegalArgumentException(
						"VSIC sections " + source + ": only the newest edition has no valid_to, " + edition.name()
								+ (newest ? " has " + edition.validTo() : " has none"));
			}
			if (!newest && !ordered.get(i + 1).validFrom().equals(edition.validTo().plusDays(1))) {
				throw new IllegalArgumentException("VSIC sections " + source + ": " + ordered.get(i + 1).name()
						+ " must start the day after " + edition.name() + " ends (" + edition.validTo().plusDays(1)
						+ "), not on " + ordered.get(i + 1).validFrom());
			}
			Map<String, VsicSection> sections = new LinkedHashMap<>();
			byEdition.get(edition.name())
				.stream()
				.sorted((a, b) -> a.letter().compareTo(b.letter()))
				.forEach((section) -> sections.put(section.letter(), section));
			this.sections.add(Collections.unmodifiableMap(sections));
		}
		return List.copyOf(ordered);
	}

	/**
	 * Reads the correspondence and completes it: every division of every section of an
	 * edition goes to exactly one section of the next edition, the one listed or the one
	 * of the same letter.
	 */
	private void parseCorrespondence(List<String[]> rows, String source) {
		List<Map<Integer, VsicSection>> listed = new ArrayList<>();
		for (int i = 0; i + 1 < this.editions.size(); i++) {
			listed.add(new HashMap<>());
		}
		for (int i = 0; i < rows.size(); i++) {
			String[] row = rows.get(i);
			try {
				if (row.length != CORRESPONDENCE_COLUMNS) {
					throw new IllegalArgumentException(
							"expected from_edition,from_section,division,to_edition,to_section");
				}
				int from = editionIndex(row[0].strip());
				int to = editionIndex(row[3].strip());
				if (to != from + 1) {
					throw new IllegalArgumentException("a correspondence goes from an edition to the next, "
							+ row[3].strip() + " is not the next of " + row[0].strip());
				}
				String code = match(DIVISION, row[2].strip(), "a two-digit division");
				int division = Integer.parseInt(code);
				VsicSection origin = this.sections.get(from).get(row[1].strip());
				VsicSection target = this.sections.get(to).get(row[4].strip());
				if (origin == null || !origin.contains(code)) {
					throw new IllegalArgumentException(
							"division " + code + " is not in section " + row[1].strip() + " of " + row[0].strip());
				}
				if (target == null || !target.contains(code)) {
					throw new IllegalArgumentException("division " + code + " is not in section " + row[4].strip()
							+ " of " + row[3].strip() + " (a division keeps its number from edition to edition)");
				}
				if (listed.get(from).put(division, target) != null) {
					throw new IllegalArgumentException(
							"division " + code + " of " + row[0].strip() + " is listed twice");
				}
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("VSIC correspondence " + source + ", row " + (i + 1) + " \""
						+ ReferenceCsv.shown(row) + "\": " + ex.getMessage(), ex);
			}
		}
		for (int i = 0; i + 1 < this.editions.size(); i++) {
			Map<Integer, VsicSection> forward = new HashMap<>(listed.get(i));
			for (VsicSection section : this.sections.get(i).values()) {
				for (int division = section.firstDivision(); division <= section.lastDivision(); division++) {
					if (forward.containsKey(division)) {
						continue;
					}
					VsicSection same = this.sections.get(i + 1).get(section.letter());
					if (same == null || !same.contains(VsicSection.twoDigits(division))) {
						throw new IllegalArgumentException("VSIC correspondence " + source + ": division "
								+ VsicSection.twoDigits(division) + " of section " + section.letter() + " of "
								+ this.editions.get(i).name() + " is not in section " + section.letter() + " of "
								+ this.editions.get(i + 1).name() + "; list the section it went to");
					}
					forward.put(division, same);
				}
			}
			this.forward.add(Map.copyOf(forward));
		}
	}

	private int editionIndex(String name) {
		Integer index = this.indexByName.get(name);
		if (index == null) {
			throw new IllegalArgumentException("no edition " + name + " in the sections table");
		}
		return index;
	}

	private static LocalDate date(String text) {
		return text.isBlank() ? null : LocalDate.parse(text.strip());
	}

	private static String match(Pattern pattern, String value, String expected) {
		if (!pattern.matcher(value).matches()) {
			throw new IllegalArgumentException("expected " + expected + ", was \"" + value + "\"");
		}
		return value;
	}

	/**
	 * The tables' fingerprint: the same for the same tables, whatever files they were
	 * read from, and another for any other tables. The stream processor stamps it on
	 * every project state it writes ({@code ProjectState#VSIC_TABLES_HEADER}), so that
	 * the indexer can tell whether a state was judged by its own tables.
	 * @return the SHA-256 of {@link #rows()}, hexadecimal
	 */
	public String fingerprint() {
		return this.fingerprint;
	}

	/**
	 * The tables' rows, oldest edition first, one text each: each edition, its sections
	 * by letter and its divisions' sections in the next edition. The same tables give the
	 * same texts whatever files they were read from.
	 * @return the rows
	 */
	public List<String> rows() {
		List<String> rows = new ArrayList<>();
		for (int i = 0; i < this.editions.size(); i++) {
			VsicEdition edition = this.editions.get(i);
			rows.add(edition.name() + "," + edition.validFrom() + "," + edition.validTo());
			new java.util.TreeMap<>(this.sections.get(i)).values().forEach((section) -> rows.add(section.toString()));
			if (i < this.forward.size()) {
				new java.util.TreeMap<>(this.forward.get(i))
					.forEach((division, section) -> rows.add(division + " -> " + section.letter()));
			}
		}
		return rows;
	}

}
