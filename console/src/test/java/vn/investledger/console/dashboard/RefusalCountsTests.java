package vn.investledger.console.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.events.Rejection;
import vn.investledger.events.RejectionReason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records the ledger refused, counted per unit and reason in the console, from the
 * rejections index.
 */
@ConsoleTest
class RefusalCountsTests {

	private final ConsoleFixture fixture;

	RefusalCountsTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	/**
	 * Three refusals of Hải Phòng's records, one of Quảng Ninh's (indexed once, however
	 * often a replay refuses it again) and one from a topic of no unit.
	 */
	@BeforeAll
	static void refuse(ConsoleFixture fixture) {
		refuse(fixture, "31", RejectionReason.INVALID, 1);
		refuse(fixture, "31", RejectionReason.INVALID, 2);
		refuse(fixture, "31", RejectionReason.MISPLACED, 3);
		refuse(fixture, "22", RejectionReason.FOREIGN_PROJECT, 1);
		refuse(fixture, null, RejectionReason.NO_UNIT, 7);
	}

	@Test
	void shouldCountTheRefusedRecordsPerUnitAndReasonLargestUnitFirst() {
		JsonNode counts = this.fixture.getJson("/api/console/rejections", Map.of());

		assertThat(counts.get("total").asLong()).isEqualTo(5);
		assertThat(counts.get("newest").asString()).isEqualTo("2026-11-30T03:00:00Z");
		JsonNode haiPhong = counts.get("units").get(0);
		assertThat(haiPhong.get("unit").asString()).isEqualTo("31");
		assertThat(haiPhong.get("name").asString()).isEqualTo("Hải Phòng");
		assertThat(haiPhong.get("total").asLong()).isEqualTo(3);
		assertThat(haiPhong.get("reasons").get("INVALID").asLong()).isEqualTo(2);
		assertThat(haiPhong.get("reasons").get("MISPLACED").asLong()).isEqualTo(1);
		assertThat(counts.get("units").get(1).get("name").asString()).isEqualTo("Quảng Ninh");
		assertThat(counts.get("units").get(1).get("reasons").get("FOREIGN_PROJECT").asLong()).isEqualTo(1);
		assertThat(counts.get("units").get(2).get("unit").asString()).isEqualTo("none");
	}

	private static void refuse(ConsoleFixture fixture, String unit, RejectionReason reason, long offset) {
		String source = fixture.topics.eventTopicName((unit != null) ? unit : "99");
		Rejection rejection = new Rejection(reason, "because " + reason, "6f1c2a4e-3b1d-4c8e-9a55-0e4e2b7c9d1" + offset,
				"P-" + offset, unit, source, 0, offset, Instant.parse("2026-11-30T03:00:00Z"), false);
		fixture.indexRefused(rejection, "{\"kind\":".getBytes(StandardCharsets.UTF_8));
	}

}
