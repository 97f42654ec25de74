package vn.investledger.processor.intake;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Limits;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.rulebook.ProjectLife.StatusChange;
import vn.investledger.processor.intake.ProjectRecord.Fingerprint;
import vn.investledger.processor.intake.ProjectRecord.Stated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProjectRecordSerdeTests {

	private final Serde<ProjectRecord> serde = ProjectRecordSerde.serde();

	@Test
	void shouldReadBackAFullRecordWithVietnameseText() {
		ProjectState state = new ProjectState("93/GP-HP", 4, "31", List.of(3L), InvestmentType.DDI, "31",
				"Nhà máy lọc dầu Đình Vũ", List.of("Công ty CP Logistics Đình Vũ", "Tổng công ty Hàng hải"), "HP-DV",
				"VN", "H", "5222", LocalDate.of(2024, 4, 2), LocalDate.of(2024, 4, 2), ProjectStatus.SUSPENDED,
				Money.vnd(265_000_000_000L), Money.vnd(12_500_000_000L), Money.vnd(-1L),
				Instant.parse("2025-10-21T03:15:30.123456789Z"));
		TreeMap<Long, Fingerprint> applied = new TreeMap<>();
		applied.put(1L, new Fingerprint(UUID.randomUUID(), 11));
		applied.put(2L, new Fingerprint(UUID.randomUUID(), -7));
		applied.put(4L, new Fingerprint(UUID.randomUUID(), Long.MAX_VALUE));
		TreeMap<Long, Stated> stated = new TreeMap<>();
		stated.put(1L, new Stated(Money.vnd(200_000_000_000L), null));
		stated.put(4L, new Stated(Money.vnd(265_000_000_000L), Money.vnd(65_000_000_000L)));
		TreeMap<Long, StatusChange> statuses = new TreeMap<>();
		statuses.put(1L, new StatusChange(ProjectStatus.VALID, LocalDate.of(2024, 4, 2), false));
		statuses.put(2L, new StatusChange(ProjectStatus.SUSPENDED, LocalDate.of(2024, 9, 30), false));
		statuses.put(5L, new StatusChange(ProjectStatus.TERMINATED, LocalDate.MAX, false));
		statuses.put(6L, new StatusChange(ProjectStatus.VALID, LocalDate.MIN, true));
		ProjectRecord record = new ProjectRecord(state, applied, 4, stated, statuses);

		assertThat(roundTrip(record)).isEqualTo(record);
	}

	@Test
	void shouldReadBackARecordThatOnlyKnowsItsCode() {
		ProjectRecord record = ProjectRecord.none("HP-9");

		assertThat(roundTrip(record)).isEqualTo(record);
	}

	@Test
	void shouldKeepTheLargestRecordTheContractAllowsWithinItsBound() {
		String name = "Đ".repeat(Limits.MAX_NAME_LENGTH);
		List<String> investors = java.util.Collections.nCopies(Limits.MAX_INVESTORS,
				"Ư".repeat(Limits.MAX_INVESTOR_NAME_LENGTH));
		// every revision applied (a missing one costs less than an applied one), each an
		// adjustment
		List<Long> missing = List.of();
		TreeMap<Long, Fingerprint> applied = new TreeMap<>();
		TreeMap<Long, Stated> stated = new TreeMap<>();
		for (long revision = 1; revision <= Limits.MAX_REVISION; revision++) {
			applied.put(revision, new Fingerprint(UUID.randomUUID(), revision));
			// every applied revision an adjustment, of the largest amounts
			stated.put(revision,
					new Stated(new Money(Long.MAX_VALUE, Currency.USD), new Money(Long.MIN_VALUE + 1, Currency.USD)));
		}
		ProjectState state = new ProjectState("9".repeat(Limits.MAX_PROJECT_CODE_LENGTH), Limits.MAX_REVISION, "31",
				missing, InvestmentType.FDI, "31", name, investors, "HP-DV", "KR", "C", "9".repeat(4),
				LocalDate.of(2024, 4, 2), LocalDate.of(2024, 4, 2), ProjectStatus.VALID, Money.usd("1"), Money.usd("1"),
				Money.usd("1"), Instant.now());
		ProjectRecord record = new ProjectRecord(state, applied, 4, stated, new TreeMap<>());

		byte[] bytes = this.serde.serializer().serialize("t", record);

		assertThat((long) bytes.length).isLessThanOrEqualTo(record.sizeBound());
		assertThat(record.sizeBound()).isLessThan(ProjectRecord.MAX_BYTES);
		assertThat(this.serde.deserializer().deserialize("t", bytes)).isEqualTo(record);
	}

	@Test
	void shouldRefuseARecordOfAnEarlierFormatOrJsonAskingForAReplay() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> ProjectRecordSerde.read(new byte[] { 2, 0, 0, 0, 1, 'X' }))
			.withMessageContaining("Unknown project state format 2; replay the processor");
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> ProjectRecordSerde.read(new byte[] { 3, 0, 0, 0, 1, 'X' }))
			.withMessageContaining("Unknown project state format 3; replay the processor");
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> ProjectRecordSerde.read(new byte[] { 5, 0, 0, 0, 1, 'X' }))
			.withMessageContaining("Unknown project state format 5; replay the processor");
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> ProjectRecordSerde.read("{\"projectCode\":\"HP-1\"}".getBytes()))
			.withMessageContaining("replay the processor");
	}

	@Test
	void shouldRefuseBytesOfAnUnknownFormat() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serde.deserializer().deserialize("t", new byte[] { 9, 0, 0 }))
			.withMessageContaining("Unknown project state format 9");
	}

	private ProjectRecord roundTrip(ProjectRecord record) {
		return this.serde.deserializer().deserialize("t", this.serde.serializer().serialize("t", record));
	}

	private static void string(DataOutputStream out, String value) throws IOException {
		if (value == null) {
			out.writeInt(-1);
			return;
		}
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(utf8.length);
		out.write(utf8);
	}

}
