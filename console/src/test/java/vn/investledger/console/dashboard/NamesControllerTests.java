package vn.investledger.console.dashboard;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import vn.investledger.console.dashboard.NamesController.CountryName;
import vn.investledger.console.dashboard.NamesController.Named;
import vn.investledger.console.dashboard.NamesController.Names;
import vn.investledger.console.dashboard.NamesController.SectorName;
import vn.investledger.console.dashboard.NamesController.ZoneName;
import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.events.reference.Zones;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names the console shows, as the reference data gives them: every name a province
 * code had with its days, and each VSIC edition's name of a letter.
 */
class NamesControllerTests {

	private final Names names = NamesController.of(Provinces.standard(), Zones.standard(), VsicEditions.standard());

	@Test
	void shouldGiveEachUnitACodeNamedWithItsDaysInOrder() {
		// 24 named Bắc Giang, then the merged Bắc Ninh
		assertThat(this.names.provinces().get("24")).containsExactly(
				new Named("Bắc Giang", null, LocalDate.of(2025, 6, 30)),
				new Named("Bắc Ninh", LocalDate.of(2025, 7, 1), null));
		// 31 kept its name; 30 ended when Hải Phòng absorbed it
		assertThat(this.names.provinces().get("31")).containsExactly(new Named("Hải Phòng", null, null));
		assertThat(this.names.provinces().get("30"))
			.containsExactly(new Named("Hải Dương", null, LocalDate.of(2025, 6, 30)));
		assertThat(this.names.provinces()).hasSize(63);
	}

	@Test
	void shouldNameZonesCountriesInBothLanguagesAndEachEditionsSections() {
		assertThat(this.names.zones().get("HP-DINH-VU-CAT-HAI"))
			.isEqualTo(new ZoneName("Khu kinh tế Đình Vũ – Cát Hải", "KKT", "31"));
		assertThat(this.names.countries().get("KR")).isEqualTo(new CountryName("Hàn Quốc", "South Korea"));
		assertThat(this.names.countries().get("TW")).isEqualTo(new CountryName("Đài Loan", "Taiwan"));
		// K was finance until VSIC 2025 moved it to L
		assertThat(this.names.sectors().get("K")).containsExactly(
				new SectorName("VSIC 2018", "Hoạt động tài chính, ngân hàng và bảo hiểm", null,
						LocalDate.of(2025, 11, 14)),
				new SectorName("VSIC 2025",
						"Viễn thông; lập trình máy tính, tư vấn, hạ tầng tính toán và dịch vụ thông tin khác",
						LocalDate.of(2025, 11, 15), null));
		// V exists only in VSIC 2025
		assertThat(this.names.sectors().get("V")).extracting(SectorName::edition).containsExactly("VSIC 2025");
	}

}
