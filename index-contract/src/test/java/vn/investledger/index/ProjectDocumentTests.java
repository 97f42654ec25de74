package vn.investledger.index;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project without a licence (an enterprise foreign investors contributed to) is named
 * by the province its events named on their dates, and restated to today's unit, even
 * when its newest event was sent after a reorganisation that ended that province.
 */
class ProjectDocumentTests {

	/** DOMAIN.md, "Provinces": each seed code's unit today. */
	private static final Map<String, String> TODAY = Map.of("30", "31", "31", "31", "01", "01", "24", "24", "27", "24",
			"46", "46");

	@Property(tries = 300)
	void shouldRestateAnEnterpriseToTodaysUnitWhateverItsNewestEventsDate(@ForAll("codes") String province,
			@ForAll @IntRange(min = 0, max = 1460) int day, @ForAll @IntRange(min = 0, max = 120) int sentLater,
			@ForAll boolean classified) {
		// Given an enterprise's contribution, dated on a day its province existed, its
		// newest event sent up to four months later (after 1 July 2025 perhaps)
		LocalDate dated = LocalDate.of(2022, 1, 1).plusDays(day);
		boolean existed = switch (province) {
			case "30", "27" -> dated.isBefore(LocalDate.of(2025, 7, 1));
			default -> true;
		};
		if (!existed) {
			dated = LocalDate.of(2025, 6, 30).minusDays(day % 365);
		}
		Instant newest = dated.plusDays(sentLater).atStartOfDay().toInstant(ZoneOffset.UTC);
		ProjectState state = new ProjectState("0201234567", 2, TODAY.get(province), List.of(), InvestmentType.FDI,
				province, null, List.of("Công ty"), null, "KR", classified ? "C" : null, classified ? "26" : null,
				classified ? dated : null, null, ProjectStatus.VALID, null, Money.usd("10"), null, newest);

		// When it is indexed
		ProjectDocument document = ProjectDocument.of(state);

		// Then it is restated to today's unit, and named as it was on the event's date
		// (or, when only the event's sending is known, the unit last in force then)
		assertThat(document.restatedProvinceCode()).as("%s on %s", province, dated).isEqualTo(TODAY.get(province));
		assertThat(document.restatedProvinceName()).isNotBlank();
		assertThat(document.provinceName()).as("%s on %s", province, dated).isEqualTo(switch (province) {
			case "30" -> "Hải Dương";
			case "27" -> "Bắc Ninh";
			case "24" ->
				(nameDay(classified, dated, newest).isBefore(LocalDate.of(2025, 7, 1))) ? "Bắc Giang" : "Bắc Ninh";
			case "46" ->
				(nameDay(classified, dated, newest).isBefore(LocalDate.of(2025, 1, 1))) ? "Thừa Thiên Huế" : "Huế";
			case "31" -> "Hải Phòng";
			default -> "Hà Nội";
		});
	}

	@Provide
	Arbitrary<String> codes() {
		return Arbitraries.of(TODAY.keySet());
	}

	private static LocalDate nameDay(boolean classified, LocalDate dated, Instant newest) {
		return classified ? dated : newest.atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate();
	}

}
