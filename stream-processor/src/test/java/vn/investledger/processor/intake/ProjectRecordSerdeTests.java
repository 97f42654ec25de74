package vn.investledger.processor.intake;

import java.io.ByteArrayOutputStream;
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

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Limits;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.processor.intake.ProjectRecord.Fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProjectRecordSerdeTests {

	private final Serde<ProjectRecord> serde = ProjectRecordSerde.serde();

	@Test
	void shouldReadBackAFullRecordWithVietnameseText() {
		ProjectState state = new ProjectState("93/GP-HP", 4, "31", List.of(3L), InvestmentType.DDI, "31",
				"Nhà máy lọc dầu Đình Vũ", List.of("Công ty CP Logistics Đình Vũ", "Tổng công ty Hàng hải"), "HP-DV",
				"VN", "H", LocalDate.of(2024, 4, 2), ProjectStatus.SUSPENDED, Money.vnd(265_000_000_000L),
				Money.vnd(12_500_000_000L), Money.vnd(-1L), Instant.parse("2025-10-21T03:15:30.123456789Z"));
		TreeMap<Long, Fingerprint> applied = new TreeMap<>();
		applied.put(1L, new Fingerprint(UUID.randomUUID(), 11));
		applied.put(2L, new Fingerprint(UUID.randomUUID(), -7));
		applied.put(4L, new Fingerprint(UUID.randomUUID(), Long.MAX_VALUE));
		ProjectRecord record = new ProjectRecord(state, applied, 4, 2);

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
		List<Long> missing = java.util.stream.LongStream.rangeClosed(1, Limits.MAX_REVISION / 2).boxed().toList();
		TreeMap<Long, Fingerprint> applied = new TreeMap<>();
		for (long revision = Limits.MAX_REVISION / 2 + 1; revision <= Limits.MAX_REVISION; revision++) {
			applied.put(revision, new Fingerprint(UUID.randomUUID(), revision));
		}
		ProjectState state = new ProjectState("9".repeat(Limits.MAX_PROJECT_CODE_LENGTH), Limits.MAX_REVISION, "31",
				missing, InvestmentType.FDI, "31", name, investors, "HP-DV", "KR", "C", LocalDate.of(2024, 4, 2),
				ProjectStatus.VALID, Money.usd("1"), Money.usd("1"), Money.usd("1"), Instant.now());
		ProjectRecord record = new ProjectRecord(state, applied, 4, 2);

		byte[] bytes = this.serde.serializer().serialize("t", record);

		assertThat((long) bytes.length).isLessThanOrEqualTo(record.sizeBound());
		assertThat(record.sizeBound()).isLessThan(ProjectRecord.MAX_BYTES);
		assertThat(this.serde.deserializer().deserialize("t", bytes)).isEqualTo(record);
	}

	@Test
	void shouldStillReadARecordOfTheFirstBinaryFormatWithItsEventIds() throws IOException {
		UUID first = UUID.randomUUID();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(1);
			string(out, "HD-1");
			out.writeLong(1);
			out.writeInt(1);
			out.writeLong(1);
			out.writeLong(first.getMostSignificantBits());
			out.writeLong(first.getLeastSignificantBits());
			out.writeInt(0);
			string(out, "FDI");
			string(out, "30");
			string(out, "Nhà máy");
			out.writeInt(0);
			string(out, null);
			string(out, "KR");
			string(out, "C");
			string(out, "2024-03-15");
			string(out, "VALID");
			out.writeBoolean(false);
			out.writeBoolean(false);
			out.writeBoolean(false);
			out.writeBoolean(false);
		}

		ProjectRecord record = this.serde.deserializer().deserialize("t", bytes.toByteArray());

		// Hải Dương's project belongs to Hải Phòng today; its first event is known
		assertThat(record.state().ownerUnit()).isEqualTo("31");
		assertThat(record.applied()).containsOnlyKeys(1L);
		assertThat(record.applied().get(1L).sameEvent(new Fingerprint(first, 42))).isTrue();
	}

	@Test
	void shouldStillReadAStateWrittenAsJsonByAnEarlierVersion() {
		UUID first = UUID.randomUUID();
		String json = "{\"projectCode\":\"HP-1\",\"revision\":1,\"applied\":{\"1\":\"" + first
				+ "\"},\"missingRevisions\":[],\"investmentType\":\"FDI\",\"provinceCode\":\"31\","
				+ "\"projectName\":\"Nhà máy\",\"investorNames\":[],\"status\":\"VALID\","
				+ "\"registeredCapital\":{\"minorUnits\":100,\"currency\":\"USD\"},\"licensedOn\":\"2024-03-15\"}";

		ProjectRecord record = this.serde.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

		assertThat(record.state().ownerUnit()).isEqualTo("31");
		assertThat(record.state().registeredCapital()).isEqualTo(Money.usd("1"));
		assertThat(record.applied().get(1L).eventId()).isEqualTo(first);
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
