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
import tools.jackson.databind.JsonNode;

import vn.investledger.events.Currency;
import vn.investledger.events.EventJson;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.Provinces;
import vn.investledger.processor.intake.ProjectRecord.Fingerprint;

/**
 * A compact binary serde of project records for the processor's own state store, read and
 * written once per event. The project-state topic stays JSON, the documented format.
 * <p>
 * Layout (format 2): a format byte, then the state's fields in declaration order; strings
 * as a length and UTF-8 bytes, {@code null} as length -1; amounts as their currency's
 * name and a long of minor units; then each applied revision with its event id and
 * content hash, and the revisions that last stated the registered capital and set the
 * status. Records written by earlier versions of the processor are still read: format 1
 * (event ids without content hashes, no owner) and JSON (first byte <code>{</code>);
 * their owner is the unit that holds the project's province today.
 */
final class ProjectRecordSerde {

	private static final byte FORMAT_1 = 1;

	private static final byte FORMAT = 2;

	private static final byte JSON = '{';

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
			out.writeLong(record.statusRevision());
		}
		catch (IOException ex) {
			throw new SerializationException("Cannot write the record of " + state.projectCode(), ex);
		}
		return bytes.toByteArray();
	}

	static ProjectRecord read(byte[] bytes) {
		if (bytes.length > 0 && bytes[0] == JSON) {
			return readJson(bytes);
		}
		if (bytes.length == 0 || (bytes[0] != FORMAT && bytes[0] != FORMAT_1)) {
			throw new SerializationException("Unknown project state format "
					+ ((bytes.length > 0) ? bytes[0] : "(empty)") + "; replay the processor");
		}
		boolean format1 = bytes[0] == FORMAT_1;
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
			String projectCode = readString(in);
			long revision = in.readLong();
			String owner = null;
			TreeMap<Long, Fingerprint> applied = new TreeMap<>();
			if (format1) {
				int appliedCount = in.readInt();
				for (int i = 0; i < appliedCount; i++) {
					applied.put(in.readLong(), new Fingerprint(new UUID(in.readLong(), in.readLong()), 0));
				}
			}
			else {
				owner = readString(in);
			}
			int missingCount = in.readInt();
			List<Long> missing = new ArrayList<>(missingCount);
			for (int i = 0; i < missingCount; i++) {
				missing.add(in.readLong());
			}
			String type = readString(in);
			String province = readString(in);
			String name = readString(in);
			int investorCount = in.readInt();
			List<String> investors = new ArrayList<>(investorCount);
			for (int i = 0; i < investorCount; i++) {
				investors.add(readString(in));
			}
			String zone = readString(in);
			String country = readString(in);
			String sector = readString(in);
			String licensedOn = readString(in);
			String status = readString(in);
			Money registered = readMoney(in);
			Money contributed = readMoney(in);
			Money realised = readMoney(in);
			Instant newest = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
			long registeredRevision = revision;
			long statusRevision = revision;
			if (!format1) {
				int appliedCount = in.readInt();
				for (int i = 0; i < appliedCount; i++) {
					applied.put(in.readLong(), new Fingerprint(new UUID(in.readLong(), in.readLong()), in.readLong()));
				}
				registeredRevision = in.readLong();
				statusRevision = in.readLong();
			}
			LocalDate licensed = (licensedOn != null) ? LocalDate.parse(licensedOn) : null;
			ProjectState state = new ProjectState(projectCode, revision,
					(owner != null) ? owner : ownerOf(province, licensed), missing,
					(type != null) ? InvestmentType.valueOf(type) : null, province, name, investors, zone, country,
					sector, licensed, (status != null) ? ProjectStatus.valueOf(status) : null, registered, contributed,
					realised, newest);
			return new ProjectRecord(state, applied, registeredRevision, statusRevision);
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException("Unreadable project state of " + bytes.length + " bytes", ex);
		}
	}

	/**
	 * A state written as JSON by the first versions of the processor, with its applied
	 * revisions' event ids.
	 */
	private static ProjectRecord readJson(byte[] bytes) {
		ProjectState state = Topics.projectStateSerde().deserializer().deserialize(null, bytes);
		TreeMap<Long, Fingerprint> applied = new TreeMap<>();
		JsonNode ids = EventJson.mapper().readTree(bytes).path("applied");
		ids.properties()
			.forEach((entry) -> applied.put(Long.parseLong(entry.getKey()),
					new Fingerprint(UUID.fromString(entry.getValue().asString()), 0)));
		String owner = (state.ownerUnit() != null) ? state.ownerUnit()
				: ownerOf(state.provinceCode(), state.licensedOn());
		return new ProjectRecord(new ProjectState(state.projectCode(), state.revision(), owner,
				state.missingRevisions(), state.investmentType(), state.provinceCode(), state.projectName(),
				state.investorNames(), state.zoneCode(), state.partnerCountry(), state.sectorSection(),
				state.licensedOn(), state.status(), state.registeredCapital(), state.contributedCapital(),
				state.realisedCapital(), state.newestEventAt()), applied, state.revision(), state.revision());
	}

	/** The unit that holds a province's territory today. */
	private static String ownerOf(String province, LocalDate licensedOn) {
		if (province == null) {
			return null;
		}
		return (licensedOn != null) ? Provinces.standard().latestUnitOf(province, licensedOn)
				: Provinces.standard().currentUnitOf(province).orElse(province);
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
