package vn.investledger.processor.replay;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.RealServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether the cells the pending stores held at a moment are spread, read from their
 * changelogs on a real broker: random histories of sums written and removed, in committed
 * and aborted transactions, on two partitions, before and after the moment; the answer is
 * true exactly when every cell whose last committed record before the moment is a sum has
 * a committed removal after it.
 */
class PendingCellsTests {

	/** A write to a changelog: a cell's sum ({@code removal} false) or its removal. */
	record Write(int partition, String cell, boolean removal, boolean aborted) {

	}

	@Property(tries = 6)
	void shouldBeSpreadExactlyWhenEveryCellHeldAtTheMomentIsRemovedAfterIt(@ForAll("histories") List<Write> before,
			@ForAll("histories") List<Write> after) throws Exception {
		KafkaServer kafka = RealServers.kafka();
		String topic = "pending" + UUID.randomUUID().toString().substring(0, 8) + "-pending-flows-changelog";
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
			Properties clients = new Properties();
			clients.put("bootstrap.servers", kafka.bootstrapServers());
			PendingCells cells = new PendingCells(admin, clients, List.of(topic));
			Map<Integer, Set<String>> held = held(before);
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of("bootstrap.servers", kafka.bootstrapServers(), "transactional.id", topic),
					new StringSerializer(), new StringSerializer())) {
				producer.initTransactions();
				write(producer, topic, before);
				// Given the cells held at the moment of the first answer
				assertThat(cells.spread()).isEqualTo(held.values().stream().allMatch(Set::isEmpty));

				// When more is written after it
				write(producer, topic, after);
			}

			// Then the cells are spread exactly when each held one was removed after it
			after.stream()
				.filter((write) -> write.removal() && !write.aborted())
				.forEach((write) -> held.get(write.partition()).remove(write.cell()));
			boolean expected = held.values().stream().allMatch(Set::isEmpty);
			assertThat(cells.spread()).as("held %s", held).isEqualTo(expected);
			// and asking again reads nothing new and answers the same
			assertThat(cells.spread()).isEqualTo(expected);
		}
		finally {
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
				admin.deleteTopics(List.of(topic)).all().get();
			}
		}
	}

	/**
	 * A transaction still open at the moment (its offsets committed elsewhere, its marker
	 * not yet on this changelog) holds its cells too: they are read once it commits, and
	 * the cells are spread only once they are removed.
	 */
	@net.jqwik.api.Example
	void shouldCountTheCellsOfATransactionOpenAtTheMoment() throws Exception {
		KafkaServer kafka = RealServers.kafka();
		String topic = "pending" + UUID.randomUUID().toString().substring(0, 8) + "-pending-stock-changelog";
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
			try {
				Properties clients = new Properties();
				clients.put("bootstrap.servers", kafka.bootstrapServers());
				PendingCells cells = new PendingCells(admin, clients, List.of(topic));
				try (KafkaProducer<String, String> producer = new KafkaProducer<>(
						Map.of("bootstrap.servers", kafka.bootstrapServers(), "transactional.id", topic),
						new StringSerializer(), new StringSerializer())) {
					producer.initTransactions();
					// Given a cell written in a transaction not yet committed at the
					// moment
					producer.beginTransaction();
					producer.send(new ProducerRecord<>(topic, 0, "stock|31|K", "{\"sum\":1}")).get();
					assertThat(cells.spread()).isFalse();
					// When it commits, the cell is held
					producer.commitTransaction();
					assertThat(cells.spread()).isFalse();
					// and once it is removed, spread
					producer.beginTransaction();
					producer.send(new ProducerRecord<>(topic, 0, "stock|31|K", null)).get();
					producer.commitTransaction();
					assertThat(cells.spread()).isTrue();
				}
			}
			finally {
				admin.deleteTopics(List.of(topic)).all().get();
			}
		}
	}

	/** Per partition, the cells whose last committed write is a sum. */
	private static Map<Integer, Set<String>> held(List<Write> writes) {
		Map<Integer, Set<String>> held = new HashMap<>();
		held.put(0, new HashSet<>());
		held.put(1, new HashSet<>());
		for (Write write : writes) {
			if (write.aborted()) {
				continue;
			}
			if (write.removal()) {
				held.get(write.partition()).remove(write.cell());
			}
			else {
				held.get(write.partition()).add(write.cell());
			}
		}
		return held;
	}

	/**
	 * The writes in order, each run of committed or of aborted ones in a transaction of
	 * its own, committed or aborted as they say.
	 */
	private static void write(KafkaProducer<String, String> producer, String topic, List<Write> writes) {
		for (int from = 0; from < writes.size();) {
			boolean aborted = writes.get(from).aborted();
			producer.beginTransaction();
			int to = from;
			while (to < writes.size() && writes.get(to).aborted() == aborted) {
				Write write = writes.get(to++);
				producer.send(new ProducerRecord<>(topic, write.partition(), write.cell(),
						write.removal() ? null : "{\"sum\":1}"));
			}
			if (aborted) {
				producer.abortTransaction();
			}
			else {
				producer.commitTransaction();
			}
			from = to;
		}
	}

	@Provide
	Arbitrary<List<Write>> histories() {
		Arbitrary<Write> write = Combinators
			.combine(Arbitraries.integers().between(0, 1),
					Arbitraries.of("flows|31|2025-10", "flows|22|2025-10", "stock|31|K", "stock|01|V",
							"flows|79|2026-01"),
					Arbitraries.of(true, false), Arbitraries.integers().between(0, 5).map((n) -> n == 0))
			.as(Write::new);
		return write.list().ofMaxSize(12);
	}

}
