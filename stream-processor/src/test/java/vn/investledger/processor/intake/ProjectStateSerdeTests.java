package vn.investledger.processor.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProjectStateSerdeTests {

	private final Serde<ProjectState> serde = ProjectStateSerde.serde();

	@Test
	void shouldReadBackAFullStateWithVietnameseText() {
		ProjectState state = new ProjectState("93/GP-HP", 3,
				Map.of(1L, UUID.randomUUID(), 2L, UUID.randomUUID(), 4L, UUID.randomUUID()), List.of(3L),
				InvestmentType.DDI, "31", "Nhà máy lọc dầu Đình Vũ",
				List.of("Công ty CP Logistics Đình Vũ", "Tổng công ty Hàng hải"), "HP-DV", "VN", "H",
				LocalDate.of(2024, 4, 2), ProjectStatus.SUSPENDED, Money.vnd(265_000_000_000L),
				Money.vnd(12_500_000_000L), Money.vnd(-1L), Instant.parse("2025-10-21T03:15:30.123456789Z"));

		assertThat(roundTrip(state)).isEqualTo(state);
	}

	@Test
	void shouldReadBackAStateThatOnlyKnowsItsCode() {
		ProjectState state = ProjectState.none("HP-9");

		assertThat(roundTrip(state)).isEqualTo(state);
	}

	@Test
	void shouldStillReadAStateWrittenAsJsonByAnEarlierVersion() {
		ProjectState state = new ProjectState("HP-1", 1, Map.of(1L, UUID.randomUUID()), List.of(), InvestmentType.FDI,
				"31", "Nhà máy linh kiện", List.of("LG Innotek Co., Ltd."), null, "KR", "C", LocalDate.of(2024, 3, 15),
				ProjectStatus.VALID, Money.usd("1000000.50"), Money.usd("0"), null,
				Instant.parse("2024-03-15T02:00:00Z"));
		byte[] json = Topics.projectStateSerde().serializer().serialize("t", state);

		assertThat(this.serde.deserializer().deserialize("t", json)).isEqualTo(state);
	}

	@Test
	void shouldRefuseBytesOfAnUnknownFormat() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serde.deserializer().deserialize("t", new byte[] { 9, 0, 0 }))
			.withMessageContaining("Unknown project state format 9");
	}

	private ProjectState roundTrip(ProjectState state) {
		return this.serde.deserializer().deserialize("t", this.serde.serializer().serialize("t", state));
	}

}
