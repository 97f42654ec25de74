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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.ProjectState;
import vn.investledger.events.ProjectStatus;
import vn.investledger.events.Topics;

/**
 * A compact binary serde of project states for the processor's own state store, read and
 * written once per event. The project-state topic stays JSON, the documented format.
 * <p>
 * Layout: a format byte, then the fields in declaration order; strings as a length and
 * UTF-8 bytes, {@code null} as length -1; amounts as their currency's name and a long of
 * minor units. A JSON state (first byte <code>{</code>), written by an earlier version of
 * the processor to the store's changelog, is still read.
 */
final class ProjectStateSerde {

	private static final byte FORMAT = 1;

	private static final byte JSON = '{';

	private ProjectStateSerde() {
	}

	static Serde<ProjectState> serde() {
		Deserializer<ProjectState> json = Topics.projectStateSerde().deserializer();
		return Serdes.serdeFrom((topic, state) -> (state != null) ? write(state) : null,
				(topic, bytes) -> (bytes == null) ? null
						: (bytes.length > 0 && bytes[0] == JSON) ? json.deserialize(topic, bytes) : read(bytes));
	}

	private static byte[] write(ProjectState state) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(FORMAT);
			writeString(out, state.projectCode());
			out.writeLong(state.revision());
			out.writeInt(state.applied().size());
			for (Map.Entry<Long, UUID> applied : state.applied().entrySet()) {
				out.writeLong(applied.getKey());
				out.writeLong(applied.getValue().getMostSignificantBits());
				out.writeLong(applied.getValue().getLeastSignificantBits());
			}
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
		}
		catch (IOException ex) {
			throw new SerializationException("Cannot write the state of " + state.projectCode(), ex);
		}
		return bytes.toByteArray();
	}

	private static ProjectState read(byte[] bytes) {
		if (bytes.length == 0 || bytes[0] != FORMAT) {
			throw new SerializationException("Unknown project state format "
					+ ((bytes.length > 0) ? bytes[0] : "(empty)") + "; replay the processor");
		}
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
			String projectCode = readString(in);
			long revision = in.readLong();
			int appliedCount = in.readInt();
			Map<Long, UUID> applied = new LinkedHashMap<>();
			for (int i = 0; i < appliedCount; i++) {
				applied.put(in.readLong(), new UUID(in.readLong(), in.readLong()));
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
			return new ProjectState(projectCode, revision, applied, missing,
					(type != null) ? InvestmentType.valueOf(type) : null, province, name, investors, zone, country,
					sector, (licensedOn != null) ? LocalDate.parse(licensedOn) : null,
					(status != null) ? ProjectStatus.valueOf(status) : null, registered, contributed, realised, newest);
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
