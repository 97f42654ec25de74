package vn.investledger.processor.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.rulebook.ProjectLife.StatusChange;
import vn.investledger.processor.intake.ProjectRecord.Fingerprint;
import vn.investledger.processor.intake.ProjectRecord.Stated;

/**
 * A compact binary serde of project records for the processor's own state store, read and
 * written once per event. The project-state topic stays JSON, the documented format.
 * <p>
 * Layout (format 6): a format byte, then the state's fields in declaration order; strings
 * as a length and UTF-8 bytes, {@code null} as length -1; amounts as their currency's
 * name and a long of minor units; then each applied revision with its event id and
 * content hash, the revision that last stated the registered capital, each revision that
 * stated it with that capital and its change (or none), and each status event's revision,
 * status (a byte: {@code V}alid by a licence, valid by a {@code R}esumption,
 * {@code S}uspended, {@code T}erminated) and effective date (its epoch day, a long). A
 * record of another format is refused: state an earlier version wrote is rebuilt by a
 * replay.
 */
final class ProjectRecordSerde {

	private static final byte FORMAT = 6;

	private ProjectRecordSerde() {
	}

	static Serde<ProjectRecord> serde() {
		return Serdes.serdeFrom((topic, record) -> (record != null) ? write(record) : null,
				(topic, bytes) -> (bytes == null) ? null : read(bytes));
	}

	static byte[] write(ProjectRecord record) {
		ProjectState state = record.state();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(FORMAT);
			writeString(out, state.projectCode());
			out.writeLong(state.revision());
			writeString(out, state.ownerUnit());
			out.writeInt(state.missingRevisions().size());
			for (long missing : state.missingRevisions()) {
				out.writeLong(missing);
			}
			writeString(out, (state.investmentType() != null) ? state.investmentType().name() : null);
			writeString(out, state.provinceCode());
			writeString(out, state.projectName());
			out.writeInt(state.investorNames().size());
			for (String investor : state.investorNames()) {
				writeString(out, investor);
			}
			writeString(out, state.zoneCode());
			writeString(out, state.partnerCountry());
			writeString(out, state.sectorSection());
			writeString(out, state.sectorCode());
			writeString(out, (state.sectorClassifiedOn() != null) ? state.sectorClassifiedOn().toString() : null);
			writeString(out, (state.licensedOn() != null) ? state.licensedOn().toString() : null);
			writeString(out, (state.status() != null) ? state.status().name() : null);
			writeMoney(out, state.registeredCapital());
			writeMoney(out, state.contributedCapital());
			writeMoney(out, state.realisedCapital());
			out.writeBoolean(state.newestEventAt() != null);
			if (state.newestEventAt() != null) {
				out.writeLong(state.newestEventAt().getEpochSecond());
				out.writeInt(state.newestEventAt().getNano());
			}
			out.writeInt(record.applied().size());
			for (Map.Entry<Long, Fingerprint> applied : record.applied().entrySet()) {
				out.writeLong(applied.getKey());
				out.writeLong(applied.getValue().eventId().getMostSignificantBits());
				out.writeLong(applied.getValue().eventId().getLeastSignificantBits());
				out.writeLong(applied.getValue().contentHash());
			}
			out.writeLong(record.registeredRevision());
			out.writeInt(record.stated().size());
			for (Map.Entry<Long, Stated> stated : record.stated().entrySet()) {
				out.writeLong(stated.getKey());
				writeMoney(out, stated.getValue().registered());
				writeMoney(out, stated.getValue().change());
			}
			out.writeInt(record.statuses().size());
			for (Map.Entry<Long, StatusChange> status : record.statuses().entrySet()) {
				out.writeLong(status.getKey());
				out.writeByte(status.getValue().resumption() ? 'R' : status.getValue().status().name().charAt(0));
				out.writeLong(status.getValue().on().toEpochDay());
			}
		}
		catch (IOException ex) {
			throw new SerializationException("Cannot write the record of " + state.projectCode(), ex);
		}
		return bytes.toByteArray();
	}

	static ProjectRecord read(byte[] bytes) {
		if (bytes.length == 0 || bytes[0] != FORMAT) {
			throw new SerializationException("Unknown project state format "
					+ ((bytes.length > 0) ? bytes[0] : "(empty)") + "; replay the processor");
		}
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
			ProjectState.Builder state = ProjectState.builder(readString(in))
				.revision(in.readLong())
				.ownerUnit(readString(in));
			int missingCount = in.readInt();
			List<Long> missing = new ArrayList<>(missingCount);
			for (int i = 0; i < missingCount; i++) {
				missing.add(in.readLong());
			}
			state.missingRevisions(missing);
			String type = readString(in);
			state.investmentType((type != null) ? InvestmentType.valueOf(type) : null)
				.provinceCode(readString(in))
				.projectName(readString(in));
			int investorCount = in.readInt();
			List<String> investors = new ArrayList<>(investorCount);
			for (int i = 0; i < investorCount; i++) {
				investors.add(readString(in));
			}
			state.investorNames(investors)
				.zoneCode(readString(in))
				.partnerCountry(readString(in))
				.sectorSection(readString(in))
				.sectorCode(readString(in));
			String classifiedOn = readString(in);
			state.sectorClassifiedOn((classifiedOn != null) ? LocalDate.parse(classifiedOn) : null);
			String licensedOn = readString(in);
			String status = readString(in);
			state.licensedOn((licensedOn != null) ? LocalDate.parse(licensedOn) : null)
				.status((status != null) ? ProjectStatus.valueOf(status) : null)
				.registeredCapital(readMoney(in))
				.contributedCapital(readMoney(in))
				.realisedCapital(readMoney(in))
				.newestEventAt(in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null);
			int appliedCount = in.readInt();
			TreeMap<Long, Fingerprint> applied = new TreeMap<>();
			for (int i = 0; i < appliedCount; i++) {
				applied.put(in.readLong(), new Fingerprint(new UUID(in.readLong(), in.readLong()), in.readLong()));
			}
			long registeredRevision = in.readLong();
			int statedCount = in.readInt();
			TreeMap<Long, Stated> stated = new TreeMap<>();
			for (int i = 0; i < statedCount; i++) {
				stated.put(in.readLong(), new Stated(readMoney(in), readMoney(in)));
			}
			int statusCount = in.readInt();
			TreeMap<Long, StatusChange> statuses = new TreeMap<>();
			for (int i = 0; i < statusCount; i++) {
				long revision = in.readLong();
				byte code = in.readByte();
				ProjectStatus changed = switch (code) {
					case 'V', 'R' -> ProjectStatus.VALID;
					case 'S' -> ProjectStatus.SUSPENDED;
					case 'T' -> ProjectStatus.TERMINATED;
					default -> throw new IOException("Unknown status code");
				};
				statuses.put(revision, new StatusChange(changed, LocalDate.ofEpochDay(in.readLong()), code == 'R'));
			}
			return new ProjectRecord(state.build(), applied, registeredRevision, stated, statuses);
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException("Unreadable project state of " + bytes.length + " bytes", ex);
		}
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		if (value == null) {
			out.writeInt(-1);
			return;
		}
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(utf8.length);
		out.write(utf8);
	}

	private static String readString(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0) {
			return null;
		}
		byte[] utf8 = new byte[length];
		in.readFully(utf8);
		return new String(utf8, StandardCharsets.UTF_8);
	}

	private static void writeMoney(DataOutputStream out, Money money) throws IOException {
		out.writeBoolean(money != null);
		if (money != null) {
			out.writeUTF(money.currency().name());
			out.writeLong(money.minorUnits());
		}
	}

	private static Money readMoney(DataInputStream in) throws IOException {
		if (!in.readBoolean()) {
			return null;
		}
		Currency currency = Currency.valueOf(in.readUTF());
		return new Money(in.readLong(), currency);
	}

}
