package vn.investledger.processor.totals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.Stock;
import vn.investledger.events.Total;
import vn.investledger.events.UsdEquivalent;

/**
 * Compact binary serdes of figures for the processor's own stores and repartition topics,
 * where each event's changes are written and read many times. What leaves the processor
 * (the totals and stock topics) stays JSON, the documented format.
 * <p>
 * Layout: a format byte, then the fields in declaration order; strings as modified UTF-8,
 * amounts as their currency's name and a long of minor units, an instant as a presence
 * flag, epoch seconds and nanoseconds.
 */
final class FigureSerdes {

	private static final byte FORMAT = 1;

	private FigureSerdes() {
	}

	static Serde<Total> total() {
		return Serdes.serdeFrom((topic, total) -> (total != null) ? write((out) -> writeTotal(out, total)) : null,
				(topic, bytes) -> (bytes != null) ? read(bytes, FigureSerdes::readTotal) : null);
	}

	static Serde<Stock> stock() {
		return Serdes.serdeFrom((topic, stock) -> (stock != null) ? write((out) -> writeStock(out, stock)) : null,
				(topic, bytes) -> (bytes != null) ? read(bytes, FigureSerdes::readStock) : null);
	}

	private static void writeTotal(DataOutputStream out, Total total) throws IOException {
		writeKey(out, total.cuboid(), total.dimensions(), total.investmentType());
		out.writeUTF(total.period());
		writeMoney(out, total.newCapital());
		out.writeLong(total.newProjects());
		writeMoney(out, total.adjustedCapital());
		out.writeLong(total.adjustments());
		writeMoney(out, total.contributionCapital());
		out.writeLong(total.contributions());
		writeMoney(out, total.realisedCapital());
		writeInstant(out, total.newestEventAt());
		UsdEquivalent usd = total.usdEquivalent();
		out.writeLong(usd.newCapital().minorUnits());
		out.writeLong(usd.adjustedCapital().minorUnits());
		out.writeLong(usd.contributionCapital().minorUnits());
		out.writeLong(usd.realisedCapital().minorUnits());
		out.writeInt(usd.rates().size());
		for (String rate : usd.rates()) {
			out.writeUTF(rate);
		}
		out.writeLong(usd.unconvertedEvents());
	}

	private static Total readTotal(DataInputStream in) throws IOException {
		String cuboid = in.readUTF();
		Map<String, String> dimensions = readDimensions(in);
		InvestmentType type = InvestmentType.valueOf(in.readUTF());
		String period = in.readUTF();
		Money newCapital = readMoney(in);
		long newProjects = in.readLong();
		Money adjusted = readMoney(in);
		long adjustments = in.readLong();
		Money contribution = readMoney(in);
		long contributions = in.readLong();
		Money realised = readMoney(in);
		Instant newest = readInstant(in);
		Money usdNew = usd(in.readLong());
		Money usdAdjusted = usd(in.readLong());
		Money usdContribution = usd(in.readLong());
		Money usdRealised = usd(in.readLong());
		int rateCount = in.readInt();
		List<String> rates = new ArrayList<>(rateCount);
		for (int i = 0; i < rateCount; i++) {
			rates.add(in.readUTF());
		}
		UsdEquivalent usd = new UsdEquivalent(usdNew, usdAdjusted, usdContribution, usdRealised, rates, in.readLong());
		return new Total(cuboid, dimensions, period, type, newCapital, newProjects, adjusted, adjustments, contribution,
				contributions, realised, newest, usd);
	}

	private static void writeStock(DataOutputStream out, Stock stock) throws IOException {
		writeKey(out, stock.cuboid(), stock.dimensions(), stock.investmentType());
		out.writeLong(stock.validProjects());
		out.writeLong(stock.suspendedProjects());
		writeMoney(out, stock.registeredCapital());
		writeMoney(out, stock.realisedCapital());
		writeInstant(out, stock.newestEventAt());
	}

	private static Stock readStock(DataInputStream in) throws IOException {
		String cuboid = in.readUTF();
		Map<String, String> dimensions = readDimensions(in);
		InvestmentType type = InvestmentType.valueOf(in.readUTF());
		return new Stock(cuboid, dimensions, type, in.readLong(), in.readLong(), readMoney(in), readMoney(in),
				readInstant(in));
	}

	private static void writeKey(DataOutputStream out, String cuboid, Map<String, String> dimensions,
			InvestmentType type) throws IOException {
		out.writeUTF(cuboid);
		out.writeByte(dimensions.size());
		for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
			out.writeUTF(dimension.getKey());
			out.writeUTF(dimension.getValue());
		}
		out.writeUTF(type.name());
	}

	private static Map<String, String> readDimensions(DataInputStream in) throws IOException {
		int count = in.readUnsignedByte();
		Map<String, String> dimensions = new HashMap<>(4);
		for (int i = 0; i < count; i++) {
			dimensions.put(in.readUTF(), in.readUTF());
		}
		return dimensions;
	}

	private static void writeMoney(DataOutputStream out, Money money) throws IOException {
		out.writeUTF(money.currency().name());
		out.writeLong(money.minorUnits());
	}

	private static Money readMoney(DataInputStream in) throws IOException {
		Currency currency = Currency.valueOf(in.readUTF());
		return new Money(in.readLong(), currency);
	}

	private static Money usd(long cents) {
		return new Money(cents, Currency.USD);
	}

	private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
		out.writeBoolean(instant != null);
		if (instant != null) {
			out.writeLong(instant.getEpochSecond());
			out.writeInt(instant.getNano());
		}
	}

	private static Instant readInstant(DataInputStream in) throws IOException {
		return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
	}

	private static byte[] write(Writer writer) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(FORMAT);
			writer.write(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static <T> T read(byte[] bytes, Reader<T> reader) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			byte format = in.readByte();
			if (format != FORMAT) {
				throw new SerializationException("Unknown figure format " + format + "; replay the processor");
			}
			return reader.read(in);
		}
		catch (IOException ex) {
			throw new SerializationException("Unreadable figure of " + bytes.length + " bytes", ex);
		}
	}

	@FunctionalInterface
	private interface Writer {

		void write(DataOutputStream out) throws IOException;

	}

	@FunctionalInterface
	private interface Reader<T> {

		T read(DataInputStream in) throws IOException;

	}

}
