package vn.investledger.events.reference;

import java.time.LocalDate;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.time.api.constraints.DateRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A unit's publishing rights follow the province tables day by day, whatever the day it
 * was first asked on: the same as the tables give, in any order of days.
 */
class PublishingRightsTests {

	@Test
	void shouldGiveTheAbsorbingUnitTheAbsorbedUnitsOnTheReorganisationsDate() {
		PublishingRights haiPhong = PublishingRights.of("31");
		PublishingRights haiDuong = PublishingRights.of("30");
		LocalDate before = Provinces.REORGANISATION.minusDays(1);

		assertThat(haiPhong.on(before)).containsExactly("31");
		assertThat(haiDuong.on(before)).containsExactly("30");
		assertThat(haiPhong.on(Provinces.REORGANISATION)).containsExactlyInAnyOrder("30", "31");
		assertThat(haiDuong.on(Provinces.REORGANISATION)).isEmpty();
		assertThat(haiPhong.on(before)).containsExactly("31");
	}

	@Property(tries = 200)
	void shouldAnswerAsTheTablesDoOnEveryDay(@ForAll @DateRange(min = "2024-01-01", max = "2027-12-31") LocalDate first,
			@ForAll @DateRange(min = "2024-01-01", max = "2027-12-31") LocalDate then) {
		for (String unit : java.util.List.of("24", "27", "30", "31", "01", "79")) {
			PublishingRights rights = PublishingRights.of(unit);
			rights.on(first);
			assertThat(rights.on(then)).as("%s on %s after %s", unit, then, first)
				.isEqualTo(Provinces.standard().codesPublishableBy(unit, then));
		}
	}

}
