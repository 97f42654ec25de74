package vn.investledger.console.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import vn.investledger.events.reference.Countries;
import vn.investledger.events.reference.ProvinceUnit;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.VsicEdition;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.events.reference.VsicSection;
import vn.investledger.events.reference.Zone;
import vn.investledger.events.reference.Zones;

/**
 * The names of the codes that figures and projects carry, from the platform's reference
 * data, so that the console shows names and never spells one itself. A province code may
 * have named two units (24: Bắc Giang, then Bắc Ninh), and a VSIC letter means a section
 * of the edition in force (K: finance in VSIC 2018, telecommunications and computing in
 * VSIC 2025), so those come with the days each name was in force; the console picks the
 * name that fits the figure.
 */
@RestController
@RequestMapping("/api/console")
class NamesController {

	private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

	private final Names names = of(Provinces.standard(), Zones.standard(), VsicEditions.standard());

	/**
	 * Every name the console shows.
	 * @return provinces, zones, countries and sectors by code
	 */
	@GetMapping("/names")
	Names names() {
		return this.names;
	}

	static Names of(Provinces provinces, Zones zones, VsicEditions vsic) {
		Map<String, List<Named>> provinceNames = new TreeMap<>();
		for (ProvinceUnit unit : provinces.all()) {
			provinceNames.computeIfAbsent(unit.code(),
					(code) -> provinces.unitsOf(code)
						.stream()
						.map((named) -> new Named(named.name(), named.validFrom(), named.validTo()))
						.toList());
		}
		Map<String, ZoneName> zoneNames = new TreeMap<>();
		for (Zone zone : zones.all()) {
			zoneNames.put(zone.code(), new ZoneName(zone.name(), zone.type().name(), zone.provinceCode()));
		}
		Map<String, CountryName> countryNames = new TreeMap<>();
		for (String code : Countries.codes()) {
			countryNames.put(code, new CountryName(Countries.name(code, VIETNAMESE), Countries.name(code)));
		}
		Map<String, List<SectorName>> sectorNames = new TreeMap<>();
		for (VsicEdition edition : vsic.editions()) {
			for (VsicSection section : vsic.sections(edition)) {
				sectorNames.computeIfAbsent(section.letter(), (letter) -> new ArrayList<>())
					.add(new SectorName(edition.name(), section.name(), edition.validFrom(), edition.validTo()));
			}
		}
		Map<String, List<SectorName>> sectors = new LinkedHashMap<>();
		sectorNames.forEach((letter, editions) -> sectors.put(letter, List.copyOf(editions)));
		return new Names(provinceNames, zoneNames, countryNames, sectors);
	}

	/**
	 * The names, each map by code.
	 *
	 * @param provinces each province code's units, in the order they came into force
	 * @param zones each zone's name, type and province
	 * @param countries each ISO 3166-1 alpha-2 code's name in Vietnamese and English
	 * @param sectors each VSIC section letter's name in each edition, oldest first
	 */
	record Names(Map<String, List<Named>> provinces, Map<String, ZoneName> zones, Map<String, CountryName> countries,
			Map<String, List<SectorName>> sectors) {

	}

	/**
	 * A name in force for a span of days.
	 *
	 * @param name the name
	 * @param validFrom its first day, or {@code null} for since before the ledger's
	 * records
	 * @param validTo its last day, or {@code null} for still in force
	 */
	record Named(String name, LocalDate validFrom, LocalDate validTo) {

	}

	/**
	 * A zone's name.
	 *
	 * @param name its name
	 * @param type KKT, KCN, CCN or OTHER
	 * @param province the code of the province that established it
	 */
	record ZoneName(String name, String type, String province) {

	}

	/**
	 * A country's or territory's name.
	 *
	 * @param vi in Vietnamese
	 * @param en in English
	 */
	record CountryName(String vi, String en) {

	}

	/**
	 * A VSIC section's name in one edition.
	 *
	 * @param edition the edition, e.g. {@code VSIC 2025}
	 * @param name the section's Vietnamese name
	 * @param validFrom the edition's first day, or {@code null} for the first edition
	 * @param validTo its last day, or {@code null} for the edition in force
	 */
	record SectorName(String edition, String name, LocalDate validFrom, LocalDate validTo) {

	}

}
