package vn.investledger.producers.backfill;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import vn.investledger.events.CapitalAdjusted;
import vn.investledger.events.EventJson;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Limits;
import vn.investledger.events.Money;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.testsupport.KafkaServer;
import vn.investledger.testsupport.ProjectLife;
import vn.investledger.testsupport.RealServers;
import vn.investledger.testsupport.Records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(RealServers.class)
class BackfillImporterTests {

	@TempDir
	Path dir;

	private KafkaServer kafka;

	private String prefix;

	@BeforeEach
	void setUp(KafkaServer kafka) {
		this.kafka = kafka;
		this.prefix = "bf" + UUID.randomUUID().toString().substring(0, 8);
		// the platform creates each unit's topic; the importer writes only to one there
		kafka.createEventTopics(Topics.withPrefix(this.prefix), List.of("31"));
	}

	@Test
	void shouldImportACsvInTwoRunsWithEveryBadRowRejectedOnce() throws Exception {
		// Given 1,200 licences and adjustments of Hải Phòng and Hải Dương, with 6 bad
		// rows among them
		Path csv = this.dir.resolve("hai-phong.csv");
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			String province = (i % 3 == 0) ? "30" : "31"; // Hải Dương's historical
															// licences come with Hải
															// Phòng's
			String zone = province.equals("30") ? "HD-DAI-AN" : "HP-DEEP-C";
			rows.add(row("licensed", "P" + i, "1", province, "2024-03-15", "FDI", "Nhà máy số " + i + " – Đình Vũ",
					"IRC" + i, "Công ty TNHH Điện tử Hàn Quốc|KR", zone, "C/26", "1000000.25", "USD", "", ""));
			rows.add(row("capital-adjusted", "P" + i, "2", province, "2024-09-01", "FDI", "", "IRC" + i, "", "", "",
					"-250000.25", "USD", "750000", "1"));
		}
		Map<Integer, String> bad = new HashMap<>();
		bad.put(10, "a fraction of a cent");
		rows.set(10, row("licensed", "BAD1", "1", "31", "2024-03-15", "FDI", "Dự án", "IRC", "A|KR", "HP-DEEP-C",
				"C/26", "1.005", "USD", "", ""));
		bad.put(300, "unknown kind");
		rows.set(300, row("merged", "BAD2", "1", "31", "2024-03-15", "FDI", "", "", "", "", "", "", "", "", ""));
		bad.put(501, "another province");
		rows.set(501, row("licensed", "BAD3", "1", "33", "2024-03-15", "FDI", "Dự án", "IRC", "A|KR", "HY-PHO-NOI-A",
				"C/26", "5", "USD", "", ""));
		bad.put(777, "revision 0");
		rows.set(777, row("licensed", "BAD4", "0", "31", "2024-03-15", "FDI", "Dự án", "IRC", "A|KR", "HP-DEEP-C",
				"C/26", "5", "USD", "", ""));
		bad.put(900, "no such date");
		rows.set(900, row("licensed", "BAD5", "1", "31", "2024-02-30", "FDI", "Dự án", "IRC", "A|KR", "HP-DEEP-C",
				"C/26", "5", "USD", "", ""));
		bad.put(1199, "Hải Dương after the merger");
		rows.set(1199, row("licensed", "BAD6", "1", "30", "2025-09-01", "FDI", "Dự án", "IRC", "A|KR", "HD-DAI-AN",
				"C/26", "5", "USD", "", ""));
		writeCsv(csv, rows);

		// When it is imported 700 rows at a time
		ImportSummary first = importer(csv, 700).run();
		ImportSummary second = importer(csv, 700).run();
		ImportSummary third = importer(csv, 700).run();

		// Then two runs do it all and a third has nothing left
		assertThat(first.complete()).isFalse();
		assertThat(first.rowsRead()).isEqualTo(700);
		assertThat(second.complete()).isTrue();
		assertThat(second.rowsRead()).isEqualTo(500);
		assertThat(third.rowsRead()).isZero();
		assertThat(second.published()).isEqualTo(1194);
		assertThat(second.rejected()).isEqualTo(6);

		// And every good row is on Hải Phòng's topic exactly once, exact to the cent
		List<ConsumerRecord<String, byte[]>> published = Records.drain(this.kafka, this.prefix + ".events.31", 1194,
				new StringDeserializer(), new ByteArrayDeserializer());
		List<LicensingEvent> events = published.stream().map((r) -> EventJson.read(r.value())).toList();
		assertThat(events).extracting((e) -> e.key() + "#" + e.envelope().revision()).doesNotHaveDuplicates();
		assertThat(events).filteredOn(Licensed.class::isInstance)
			.map((e) -> ((Licensed) e).registeredCapital())
			.containsOnly(Money.usd("1000000.25"));
		assertThat(events).filteredOn(CapitalAdjusted.class::isInstance)
			.map((e) -> ((CapitalAdjusted) e).capitalChange())
			.containsOnly(Money.usd("-250000.25"));
		assertThat(events).filteredOn((e) -> e.key().equals("P0"))
			.first()
			.satisfies((e) -> assertThat(((Licensed) e).projectName()).isEqualTo("Nhà máy số 0 – Đình Vũ"));

		// And each bad row is in the rejects file once, with its line (header = line 1)
		// and reason
		List<CSVRecord> rejects = readCsv(this.dir.resolve("hai-phong.csv.rejects.csv"));
		assertThat(rejects).extracting((r) -> Long.parseLong(r.get("line")))
			.containsExactly(12L, 302L, 503L, 779L, 902L, 1201L);
		assertThat(rejects).extracting((r) -> r.get("reason"))
			.satisfiesExactly((r) -> assertThat(r).contains("amount").contains("cents"),
					(r) -> assertThat(r).contains("unknown kind \"merged\""),
					(r) -> assertThat(r).contains("province 33"), (r) -> assertThat(r).contains("envelope.revision"),
					(r) -> assertThat(r).contains("effective_date"),
					(r) -> assertThat(r).contains("no province 30 was in force on 2025-09-01"));
		assertThat(rejects.get(0).get("row")).contains("BAD1");
	}

	@Test
	void shouldResumeAfterTheImporterWasKilledWithoutCountingARowTwice() throws Exception {
		// Given 60,000 licences with a bad row every 10,000
		Path csv = this.dir.resolve("big.csv");
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < 60_000; i++) {
			boolean bad = i % 10_000 == 5_000;
			rows.add(row("licensed", "K" + i, bad ? "0" : "1", "31", "2024-03-15", "DDI", "Kho số " + i, "",
					"Công ty CP Kho vận|VN", "HP-DEEP-C", "H/52", "265000000000", "VND", "", ""));
		}
		writeCsv(csv, rows);
		Path checkpoint = Path.of(csv + ".checkpoint");

		// When an importer in its own JVM is killed with SIGKILL after its first
		// acknowledged chunks
		Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
				System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
				BackfillImporter.class.getName(), "--input", csv.toString(), "--province", "31", "--bootstrap-servers",
				this.kafka.bootstrapServers(), "--topic-prefix", this.prefix, "--no-progress")
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("child.log").toFile())
			.start();
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(120))
			.pollInterval(java.time.Duration.ofMillis(20))
			.until(() -> Files.exists(checkpoint) && Checkpoint.read(checkpoint).line() >= 5_000);
		child.destroyForcibly().waitFor();
		Checkpoint atKill = Checkpoint.read(checkpoint);
		assertThat(atKill.complete()).as("killed before the end").isFalse();

		// and the same import is run again
		ImportSummary resumed = new BackfillImporter(new ImportSettings(csv, ImportSettings.Format.CSV,
				this.kafka.bootstrapServers(), "31", this.prefix, Path.of(csv + ".rejects.csv"), checkpoint, 0, false))
			.run();

		// Then it resumes after the checkpoint and completes
		assertThat(resumed.complete()).isTrue();
		assertThat(resumed.rowsRead()).isEqualTo(60_000 - (atKill.line() - 1));
		assertThat(resumed.published()).isEqualTo(59_994);
		assertThat(resumed.rejected()).isEqualTo(6);
		// and every good row is on the topic; a row sent twice (after the last
		// checkpoint, before the kill)
		// carries the same event id both times, so the processor applies it once
		List<ConsumerRecord<String, byte[]>> published = Records.drainAvailable(this.kafka, this.prefix + ".events.31",
				new StringDeserializer(), new ByteArrayDeserializer());
		Map<String, java.util.Set<UUID>> idsPerRevision = new HashMap<>();
		for (ConsumerRecord<String, byte[]> record : published) {
			LicensingEvent event = EventJson.read(record.value());
			idsPerRevision
				.computeIfAbsent(event.key() + "#" + event.envelope().revision(), (k) -> new java.util.HashSet<>())
				.add(event.envelope().eventId());
		}
		assertThat(idsPerRevision).hasSize(59_994);
		assertThat(idsPerRevision.values()).allSatisfy((ids) -> assertThat(ids).hasSize(1));
		// and each bad row is rejected once
		assertThat(readCsv(Path.of(csv + ".rejects.csv"))).extracting((r) -> r.get("line"))
			.containsExactly("5002", "15002", "25002", "35002", "45002", "55002");
	}

	@Test
	void shouldImportNdjsonAndRejectAMalformedLine() throws Exception {
		List<LicensingEvent> life = ProjectLife.of("ND-1", "31");
		List<String> lines = new ArrayList<>(life.stream().map(EventJson::toJson).toList());
		lines.add(3, "{\"kind\":\"licensed\",");
		lines.add("");
		Path ndjson = this.dir.resolve("life.ndjson");
		Files.write(ndjson, lines, StandardCharsets.UTF_8);

		ImportSummary summary = importer(ndjson, 0).run();

		assertThat(summary.complete()).isTrue();
		assertThat(summary.published()).isEqualTo(7);
		assertThat(Records.drain(this.kafka, this.prefix + ".events.31", 7, new StringDeserializer(),
				new ByteArrayDeserializer()))
			.extracting((r) -> EventJson.read(r.value()))
			.containsExactlyElementsOf(life);
		assertThat(readCsv(this.dir.resolve("life.ndjson.rejects.csv"))).singleElement().satisfies((r) -> {
			assertThat(r.get("line")).isEqualTo("4");
			assertThat(r.get("reason")).startsWith("not an event's JSON");
		});
	}

	/**
	 * Two rows of one project revision with other content: the second is not sent, and
	 * the rejects name the line that was; an exact repeat is sent (the ledger drops the
	 * copy).
	 */
	@Test
	void shouldRejectARowOfARevisionAlreadySentWithOtherContent() throws Exception {
		List<LicensingEvent> life = ProjectLife.of("ND-2", "31");
		String first = EventJson.toJson(life.get(0));
		String eventId = life.get(0).envelope().eventId().toString();
		String otherId = first.replace(eventId, UUID.randomUUID().toString());
		String otherDate = first.replace("\"effectiveDate\":\"" + life.get(0).envelope().effectiveDate() + "\"",
				"\"effectiveDate\":\"" + life.get(0).envelope().effectiveDate().plusDays(1) + "\"");
		// the same land area written with a trailing zero: the ledger takes it for a copy
		String landWrittenLonger = first.replace("\"landAreaHa\":12.5", "\"landAreaHa\":12.50");
		assertThat(otherId).isNotEqualTo(first);
		assertThat(otherDate).isNotEqualTo(first);
		assertThat(landWrittenLonger).isNotEqualTo(first);
		List<String> lines = new ArrayList<>(life.stream().map(EventJson::toJson).toList());
		lines.add(first);
		lines.add(landWrittenLonger);
		lines.add(otherId);
		lines.add(otherDate);
		Path ndjson = this.dir.resolve("twice.ndjson");
		Files.write(ndjson, lines, StandardCharsets.UTF_8);

		ImportSummary summary = importer(ndjson, 0).run();

		assertThat(summary.published()).isEqualTo(life.size() + 2);
		List<LicensingEvent> sent = new ArrayList<>(life);
		sent.add(life.get(0));
		sent.add(EventJson.read(landWrittenLonger));
		assertThat(Records.drain(this.kafka, this.prefix + ".events.31", life.size() + 2, new StringDeserializer(),
				new ByteArrayDeserializer()))
			.extracting((r) -> EventJson.read(r.value()))
			.containsExactlyElementsOf(sent);
		int otherIdLine = life.size() + 3;
		assertThat(readCsv(this.dir.resolve("twice.ndjson.rejects.csv"))).satisfiesExactly((r) -> {
			assertThat(r.get("line")).isEqualTo(Integer.toString(otherIdLine));
			assertThat(r.get("reason")).startsWith("line 1 already sent project ND-2's revision 1, with other content")
				.contains("CONFLICT");
		}, (r) -> {
			assertThat(r.get("line")).isEqualTo(Integer.toString(otherIdLine + 1));
			assertThat(r.get("reason")).startsWith("line 1 already sent project ND-2's revision 1");
		});
	}

	@Test
	void shouldRejectARowOverTheEventSizeLimitWithTheReason() throws Exception {
		// Given a licence of 50 investors whose names are 300 Korean characters: valid,
		// but over the contract's size as JSON, between two good rows
		String name = "엘지이노텍 주식회사 베트남 하이퐁 ".repeat(20).substring(0, Limits.MAX_INVESTOR_NAME_LENGTH);
		String investors = String.join("; ", Collections.nCopies(50, name + "|KR"));
		Path csv = this.dir.resolve("large.csv");
		writeCsv(csv,
				List.of(row("licensed", "L1", "1", "31", "2024-03-15", "FDI", "Nhà máy", "IRC1", "LG Innotek|KR",
						"HP-TRANG-DUE", "C/26", "5", "USD", "", ""),
						row("licensed", "L2", "1", "31", "2024-03-15", "FDI", "Nhà máy", "IRC2", investors,
								"HP-TRANG-DUE", "C/26", "5", "USD", "", ""),
						row("licensed", "L3", "1", "31", "2024-03-15", "FDI", "Nhà máy", "IRC3", "LG Innotek|KR",
								"HP-TRANG-DUE", "C/26", "5", "USD", "", "")));

		ImportSummary summary = importer(csv, 0).run();

		// Then the import completes, the large row in the rejects file with its reason
		assertThat(summary.complete()).isTrue();
		assertThat(summary.published()).isEqualTo(2);
		assertThat(summary.rejected()).isEqualTo(1);
		assertThat(readCsv(this.dir.resolve("large.csv.rejects.csv"))).singleElement().satisfies((r) -> {
			assertThat(r.get("line")).isEqualTo("3");
			assertThat(r.get("reason")).contains("at most " + Limits.MAX_EVENT_BYTES + " bytes");
			assertThat(r.get("row")).contains("L2");
		});
		assertThat(Records.drain(this.kafka, this.prefix + ".events.31", 2, new StringDeserializer(),
				new ByteArrayDeserializer()))
			.extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrder("L1", "L3");
	}

	@Test
	void shouldRejectAnNdjsonLineOverTheEventSizeLimit() throws Exception {
		List<LicensingEvent> life = ProjectLife.of("ND-2", "31");
		List<String> lines = new ArrayList<>(life.stream().map(EventJson::toJson).toList());
		lines.add(1,
				EventJson.toJson(life.get(0)).replace("\"projectName\":\"", "\"projectName\":\"" + "x".repeat(40_000)));
		Path ndjson = this.dir.resolve("large.ndjson");
		Files.write(ndjson, lines, StandardCharsets.UTF_8);

		ImportSummary summary = importer(ndjson, 0).run();

		assertThat(summary.published()).isEqualTo(7);
		assertThat(readCsv(this.dir.resolve("large.ndjson.rejects.csv"))).singleElement().satisfies((r) -> {
			assertThat(r.get("line")).isEqualTo("2");
			assertThat(r.get("reason")).contains("at most " + Limits.MAX_EVENT_BYTES + " bytes");
		});
	}

	@Test
	void shouldRejectAnNdjsonLineTheContractRefusesAsWrittenRatherThanReadItLeniently() throws Exception {
		// Given a project's life, whose licence a system that keeps dates as instants
		// wrote with 1 January 2025 in Vietnam as 2024-12-31T17:00:00Z, and whose
		// revision is written as a text
		List<LicensingEvent> life = ProjectLife.of("ND-3", "31");
		List<String> lines = new ArrayList<>(life.stream().map(EventJson::toJson).toList());
		String licence = lines.get(0);
		String date = life.get(0).envelope().effectiveDate().toString();
		lines.set(0,
				licence.replace("\"effectiveDate\":\"" + date + "\"", "\"effectiveDate\":\"2024-12-31T17:00:00Z\""));
		lines.add(EventJson.toJson(life.get(1)).replace("\"revision\":2", "\"revision\":\"2\""));
		assertThat(lines.get(0)).isNotEqualTo(licence);
		Path ndjson = this.dir.resolve("lenient.ndjson");
		Files.write(ndjson, lines, StandardCharsets.UTF_8);

		// When it is imported
		ImportSummary summary = importer(ndjson, 0).run();

		// Then both lines are rejects, with the field the contract refuses, and no
		// licence was sent dated 31 December 2024
		assertThat(readCsv(this.dir.resolve("lenient.ndjson.rejects.csv"))).extracting((r) -> r.get("line"))
			.containsExactly("1", String.valueOf(lines.size()));
		assertThat(readCsv(this.dir.resolve("lenient.ndjson.rejects.csv"))).extracting((r) -> r.get("reason"))
			.satisfiesExactly((reason) -> assertThat(reason).contains("effectiveDate"),
					(reason) -> assertThat(reason).contains("revision"));
		assertThat(summary.published()).isEqualTo(life.size() - 1);
	}

	@Test
	void shouldStopBeforeSendingAnythingWhenAnNdjsonFileIsOneJsonArray() throws Exception {
		// Given every event of many projects written as one JSON array, on one line
		List<String> events = new ArrayList<>();
		for (int p = 0; events.stream().mapToInt(String::length).sum() <= CsvFile.MAX_ROW_CHARS; p++) {
			ProjectLife.of("ARR-" + p, "31").stream().map(EventJson::toJson).forEach(events::add);
		}
		Path ndjson = this.dir.resolve("array.ndjson");
		Files.writeString(ndjson, "[" + String.join(",", events) + "]\n", StandardCharsets.UTF_8);

		// Then the import stops, saying why, before anything is sent
		assertThatIllegalStateException().isThrownBy(() -> importer(ndjson, 0).run())
			.withMessageStartingWith("Line 1 of " + ndjson + " is longer than " + CsvFile.MAX_ROW_CHARS + " characters")
			.withMessageContaining("one JSON array rather than one event per line")
			.withMessageContaining("nothing of it was sent");
		assertThat(recordsIn(this.prefix + ".events.31")).isZero();
	}

	@Test
	void shouldJudgeASectorByTheVsicEditionOfItsDate() throws Exception {
		// Given software licences (division 62) in K, which is computing in VSIC 2025 and
		// finance in VSIC 2018, and real estate in L, which is finance in VSIC 2025
		Path csv = this.dir.resolve("vsic.csv");
		writeCsv(csv, List.of(
				// VSIC 2025: accepted
				row("licensed", "SW1", "1", "31", "2025-12-01", "FDI", "Trung tâm phần mềm", "IRC1", "A|JP",
						"HP-DEEP-C", "K/62", "5", "USD", "", ""),
				// VSIC 2018, whose K is 64-66: rejected
				row("licensed", "SW2", "1", "31", "2025-11-01", "FDI", "Trung tâm phần mềm", "IRC2", "A|JP",
						"HP-DEEP-C", "K/62", "5", "USD", "", ""),
				// VSIC 2018: accepted
				row("licensed", "RE1", "1", "31", "2025-11-14", "FDI", "Hạ tầng", "IRC3", "A|SG", "HP-DEEP-C", "L/68",
						"5", "USD", "", ""),
				// VSIC 2025, where real estate is M: rejected
				row("licensed", "RE2", "1", "31", "2025-11-15", "FDI", "Hạ tầng", "IRC4", "A|SG", "HP-DEEP-C", "L/68",
						"5", "USD", "", "")));

		ImportSummary summary = importer(csv, 0).run();

		assertThat(summary.published()).isEqualTo(2);
		assertThat(readCsv(this.dir.resolve("vsic.csv.rejects.csv"))).extracting((r) -> r.get("reason"))
			.satisfiesExactly(
					(r) -> assertThat(r).contains("sector.division")
						.contains("section K of VSIC 2018")
						.contains("64–66"),
					(r) -> assertThat(r).contains("section L of VSIC 2025").contains("68 is in section M"));
	}

	@Test
	void shouldReadThePlatformsVsicTablesFromTheOptions() throws Exception {
		Path broken = this.dir.resolve("vsic-sections.csv");
		Files.writeString(broken,
				"edition,valid_from,valid_to,letter,first_division,last_division,name\n" + "VSIC 2018,,,A,01,03\n");
		Path missing = this.dir.resolve("nowhere.csv");

		assertThat(ImportSettings.parse(new String[] { "--input", "x.csv", "--province", "31" }).vsicEditions())
			.isSameAs(VsicEditions.standard());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImportSettings
				.parse(new String[] { "--input", "x.csv", "--province", "31", "--vsic-sections", broken.toString() }))
			.withMessageContaining("row 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImportSettings.parse(new String[] { "--input", "x.csv", "--province", "31",
					"--vsic-correspondence", missing.toString() }))
			.withMessageContaining("nowhere.csv");
	}

	@Test
	void shouldRefuseToResumeAChangedFile() throws Exception {
		Path csv = this.dir.resolve("changed.csv");
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			rows.add(row("licensed", "C" + i, "1", "31", "2024-03-15", "DDI", "Kho " + i, "", "Công ty CP|VN",
					"HP-DEEP-C", "H/52", "265000000000", "VND", "", ""));
		}
		writeCsv(csv, rows);
		importer(csv, 5).run();
		Files.writeString(csv, "\n", java.nio.file.StandardOpenOption.APPEND);

		assertThatIllegalStateException().isThrownBy(() -> importer(csv, 5).run())
			.withMessageContaining("belongs to another version");
	}

	@Nested
	class WhenTheCheckpointIsOfAnotherDestination {

		@Test
		void shouldRefuseToResumeItIntoAnotherPrefixProvinceOrClusterAndSendNothing() throws Exception {
			// Given a file imported in full into Hải Phòng's topic of this test's prefix
			Path csv = BackfillImporterTests.this.dir.resolve("destination.csv");
			writeCsv(csv, licences("D", 5));
			assertThat(importer(csv, 0).run().complete()).isTrue();
			String servers = BackfillImporterTests.this.kafka.bootstrapServers();
			String other = BackfillImporterTests.this.prefix + "-other";

			// When the same file is run with the same checkpoint into another topic
			// prefix, for another province, or to another cluster
			// Then each run is refused, naming where the checkpoint's import went and the
			// options that must match, and nothing is sent
			String recorded = "into topic " + BackfillImporterTests.this.prefix + ".events.31 at ";
			assertThatIllegalStateException().isThrownBy(() -> importer(csv, servers, "31", other, "").run())
				.withMessageContaining(recorded)
				.withMessageContaining("not into topic " + other + ".events.31")
				.withMessageContaining("--bootstrap-servers, --topic-prefix and --province")
				.withMessageContaining("nothing was sent");
			assertThatIllegalStateException()
				.isThrownBy(() -> importer(csv, servers, "22", BackfillImporterTests.this.prefix, "").run())
				.withMessageContaining(recorded)
				.withMessageContaining("for province 22");
			assertThatIllegalStateException()
				.isThrownBy(() -> importer(csv, "localhost:1", "31", BackfillImporterTests.this.prefix, "").run())
				.withMessageContaining(recorded)
				.withMessageContaining("at localhost:1 for province 31");
			assertThat(recordsIn(other + ".events.31")).isZero();
			assertThat(recordsIn(BackfillImporterTests.this.prefix + ".events.22")).isZero();

			// And with a checkpoint and rejects file of its own, the other prefix (whose
			// platform made its topics) gets every row
			BackfillImporterTests.this.kafka.createEventTopics(Topics.withPrefix(other), List.of("31"));
			ImportSummary elsewhere = importer(csv, servers, "31", other, ".other").run();
			assertThat(elsewhere.complete()).isTrue();
			assertThat(elsewhere.sentInRun()).isEqualTo(5);
			assertThat(Records.drain(BackfillImporterTests.this.kafka, other + ".events.31", 5,
					new StringDeserializer(), new ByteArrayDeserializer()))
				.hasSize(5);
		}

		@Test
		void shouldRefuseACheckpointThatDoesNotSayWhereItsRowsWent() throws Exception {
			// Given a checkpoint of this very file that names no destination
			Path csv = BackfillImporterTests.this.dir.resolve("nameless.csv");
			writeCsv(csv, licences("N", 3));
			Files.writeString(Path.of(csv + ".checkpoint"), "input_sha256=" + BackfillImporter.sha256(csv)
					+ "\nline=4\nrejects_bytes=0\npublished=3\nrejected=0\ncomplete=true\n");

			// When the file is imported, then the run is refused rather than reported
			// done
			assertThatIllegalStateException().isThrownBy(() -> importer(csv, 0).run())
				.withMessageContaining("does not say where its rows went")
				.withMessageContaining("nothing was sent");
			assertThat(recordsIn(BackfillImporterTests.this.prefix + ".events.31")).isZero();
		}

		@Test
		void shouldSayThatARunOfACompleteImportSentNothing() throws Exception {
			Path csv = BackfillImporterTests.this.dir.resolve("again.csv");
			writeCsv(csv, licences("A", 4));
			ImportSummary first = importer(csv, 0).run();

			ImportSummary again = importer(csv, 0).run();

			assertThat(first.sentInRun()).isEqualTo(4);
			assertThat(again.complete()).isTrue();
			assertThat(again.sentInRun()).isZero();
			assertThat(again.published()).isEqualTo(4);
			assertThat(again.describe(settings(csv))).contains("0 rows read and 0 sent in this run")
				.contains("all runs: published 4, rejected 0")
				.contains("into topic " + BackfillImporterTests.this.prefix + ".events.31");
		}

	}

	@Nested
	class WhenARowCannotBeRead {

		@Test
		void shouldRejectAWholeNumberTooLargeForItsColumnAndGoOn() throws Exception {
			// Given whole numbers past the range of int between two good licences
			Path csv = BackfillImporterTests.this.dir.resolve("integers.csv");
			List<List<String>> rows = new ArrayList<>(licences("I", 2));
			// line 3: refused, planned_employment at most 1,000,000
			rows.add(1, with(licences("I-EMPLOYMENT", 1).get(0), "planned_employment", "2147483648"));
			// line 4: refused, duration_years at most 99, past even a long
			rows.add(2, with(licences("I-DURATION", 1).get(0), "duration_years", "99999999999999999999"));
			// line 5: refused, adjustment_number at most 10,000
			rows.add(3, row("capital-adjusted", "I0", "2", "31", "2024-09-01", "FDI", "", "IRC-I0", "", "", "", "-1",
					"USD", "4", "2147483648"));
			writeCsv(csv, rows);

			ImportSummary summary = importer(csv, 0).run();

			assertThat(summary.complete()).isTrue();
			assertThat(summary.published()).isEqualTo(2);
			assertThat(readCsv(Path.of(csv + ".rejects.csv"))).extracting((r) -> r.get("line") + " " + r.get("reason"))
				.containsExactly("3 planned_employment: must be at most 1000000, was 2147483648",
						"4 duration_years: must be at most 99, was 99999999999999999999",
						"5 adjustment_number: must be at most 10000, was 2147483648");
		}

		@Test
		void shouldRejectARowWithTextAfterAClosingQuoteAndReadTheNextRowWhole() throws Exception {
			// Given a licence with a quoted cell of two lines in a column of the clerk's
			// own, which the importer does not read (lines 2-3), one whose investor is
			// written "Samsung" Electronics without quoting the whole cell (line 4), and
			// a
			// good one (line 5), with Excel's \r\n between rows
			Path csv = BackfillImporterTests.this.dir.resolve("quotes.csv");
			List<String> lines = new ArrayList<>();
			lines.add(CSVFormat.RFC4180.format((Object[]) CsvEvents.COLUMNS) + ",ghi_chu");
			lines.add(line(licences("Q1", 1).get(0)) + ",\"Ghi chú,\nhai dòng\"");
			lines.add(line(licences("Q2", 1).get(0)).replace(",A|KR,", ",\"Samsung\" Electronics|KR,") + ",");
			lines.add(line(licences("Q3", 1).get(0)) + ",");
			Files.writeString(csv, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);

			ImportSummary summary = importer(csv, 0).run();

			// Then the import completes, the malformed row rejected with its line and
			// column
			assertThat(summary.complete()).isTrue();
			assertThat(summary.published()).isEqualTo(2);
			assertThat(readCsv(Path.of(csv + ".rejects.csv"))).singleElement().satisfies((r) -> {
				assertThat(r.get("line")).isEqualTo("4");
				assertThat(r.get("reason")).startsWith("investors: text follows the closing quote");
				assertThat(r.get("row")).contains("\"Samsung\" Electronics|KR");
			});
			assertThat(Records.drain(BackfillImporterTests.this.kafka, BackfillImporterTests.this.prefix + ".events.31",
					2, new StringDeserializer(), new ByteArrayDeserializer()))
				.extracting(ConsumerRecord::key)
				.containsExactlyInAnyOrder("Q1", "Q3");
		}

		@Test
		void shouldStopBeforeSendingAnythingWhenAQuoteIsNeverClosed() throws Exception {
			// Given a file whose line 3 opens a quoted cell that nothing closes
			Path csv = BackfillImporterTests.this.dir.resolve("unclosed.csv");
			List<String> lines = new ArrayList<>();
			lines.add(CSVFormat.RFC4180.format((Object[]) CsvEvents.COLUMNS));
			lines.add(line(licences("U1", 1).get(0)));
			lines.add(line(licences("U2", 1).get(0)).replace(",A|KR,", ",\"Samsung Electronics|KR,"));
			lines.add(line(licences("U3", 1).get(0)));
			Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

			// When it is imported, then the run stops naming the line and the column,
			// before anything is sent or checkpointed
			assertThatIllegalStateException().isThrownBy(() -> importer(csv, 0).run())
				.withMessageStartingWith("Line 3: the quote that opens investors is never closed")
				.withMessageContaining("The file must be fixed and imported again")
				.withMessageContaining("nothing of it was sent and no checkpoint was written");
			assertThat(Path.of(csv + ".checkpoint")).doesNotExist();
			assertThat(recordsIn(BackfillImporterTests.this.prefix + ".events.31")).isZero();
		}

		@Test
		void shouldStopBeforeSendingAnythingWhenTheHeaderNamesAColumnTwice() throws Exception {
			// Given a header with two amount columns: only one of them could be read
			Path csv = BackfillImporterTests.this.dir.resolve("twice.csv");
			List<String> header = new ArrayList<>(List.of(CsvEvents.COLUMNS));
			header.add("amount");
			List<String> first = new ArrayList<>(licences("T1", 1).get(0));
			first.add("999");
			Files.writeString(csv, CSVFormat.RFC4180.format(header.toArray()) + "\n" + line(first) + "\n",
					StandardCharsets.UTF_8);

			assertThatIllegalStateException().isThrownBy(() -> importer(csv, 0).run())
				.withMessageStartingWith("Line 1, the header: column \"amount\" is named twice (cell "
						+ (header.indexOf("amount") + 1) + " and cell " + header.size() + ")")
				.withMessageContaining("nothing of it was sent");
			assertThat(recordsIn(BackfillImporterTests.this.prefix + ".events.31")).isZero();
		}

		@Test
		void shouldRejectARowWithMoreCellsThanTheHeaderEvenWhenTheyAreEmpty() throws Exception {
			// Given a row with trailing empty cells (a decimal comma before empty cells,
			// 40,5, makes one: the 5 would be read in the next column), one whose reason
			// holds an unquoted comma (a cell too many), and a good one
			Path csv = BackfillImporterTests.this.dir.resolve("cells.csv");
			List<String> lines = new ArrayList<>();
			lines.add(CSVFormat.RFC4180.format((Object[]) CsvEvents.COLUMNS));
			lines.add(line(licences("C1", 1).get(0)) + ",,");
			List<String> split = new ArrayList<>(licences("C2", 1).get(0));
			split.add("chờ đối tác");
			lines.add(line(split));
			lines.add(line(licences("C3", 1).get(0)));
			Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

			ImportSummary summary = importer(csv, 0).run();

			// Then both wide rows are rejected, naming their cells, and only the good one
			// is sent
			assertThat(summary.complete()).isTrue();
			assertThat(summary.published()).isEqualTo(1);
			assertThat(readCsv(Path.of(csv + ".rejects.csv"))).hasSize(2).allSatisfy((r) -> {
				assertThat(r.get("reason")).startsWith("the row has ")
					.contains(" cells and the header " + CsvEvents.COLUMNS.length);
			}).extracting((r) -> r.get("line")).containsExactly("2", "3");
			assertThat(Records.drain(BackfillImporterTests.this.kafka, BackfillImporterTests.this.prefix + ".events.31",
					1, new StringDeserializer(), new ByteArrayDeserializer()))
				.extracting(ConsumerRecord::key)
				.containsExactly("C3");
		}

		@Test
		void shouldReadAHeaderWithUnnamedCellsAndRejectARowWithFewerCellsThanTheHeader() throws Exception {
			// Given a header with a trailing comma and an unnamed column of notes (as a
			// spreadsheet writes a range wider than the template), a row whose reason
			// holds an unquoted line break (the row ends early, the next line holds the
			// rest), and a good row
			Path csv = BackfillImporterTests.this.dir.resolve("short.csv");
			List<String> header = new ArrayList<>(List.of(CsvEvents.COLUMNS));
			header.add("");
			header.add("");
			List<String> lines = new ArrayList<>();
			lines.add(CSVFormat.RFC4180.format(header.toArray()));
			lines.add(line(licences("S1", 1).get(0)) + ",ghi chú,");
			List<String> broken = licences("S2", 1).get(0);
			lines.add(line(broken.subList(0, broken.size() - 2)));
			lines.add(line(broken.subList(broken.size() - 2, broken.size())) + ",,");
			// (a row may leave out the empty cells after the header's last named column)
			lines.add(line(licences("S3", 1).get(0)));
			Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

			ImportSummary summary = importer(csv, 0).run();

			assertThat(summary.complete()).isTrue();
			assertThat(summary.published()).isEqualTo(2);
			assertThat(readCsv(Path.of(csv + ".rejects.csv"))).hasSize(2).satisfiesExactly((r) -> {
				assertThat(r.get("line")).isEqualTo("3");
				assertThat(r.get("reason"))
					.startsWith("the row has " + (CsvEvents.COLUMNS.length - 2) + " cells and the header names "
							+ CsvEvents.COLUMNS.length + " columns: most likely a line break");
			}, (r) -> assertThat(r.get("line")).isEqualTo("4"));
			assertThat(Records.drain(BackfillImporterTests.this.kafka, BackfillImporterTests.this.prefix + ".events.31",
					2, new StringDeserializer(), new ByteArrayDeserializer()))
				.extracting(ConsumerRecord::key)
				.containsExactlyInAnyOrder("S1", "S3");
		}

		@Test
		void shouldStopAtARowOfMoreThanAMillionCharactersBeforeItFillsTheMemory() throws Exception {
			// Given a quote opened on line 3 and never closed, before more lines without
			// a
			// quote than one row can hold
			Path csv = BackfillImporterTests.this.dir.resolve("runaway.csv");
			StringBuilder text = new StringBuilder(CSVFormat.RFC4180.format((Object[]) CsvEvents.COLUMNS)).append('\n');
			text.append(line(licences("R1", 1).get(0))).append('\n');
			text.append(line(licences("R2", 1).get(0)).replace(",A|KR,", ",\"Samsung Electronics|KR,")).append('\n');
			String other = "Dòng ghi chú không có dấu ngoặc kép nào\n";
			while (text.length() <= CsvFile.MAX_ROW_CHARS + 10_000) {
				text.append(other);
			}
			Files.writeString(csv, text, StandardCharsets.UTF_8);

			assertThatIllegalStateException().isThrownBy(() -> importer(csv, 0).run())
				.withMessageStartingWith("Line 3: a row of more than " + CsvFile.MAX_ROW_CHARS
						+ " characters, in a cell whose quote opened on line 3 is not closed yet")
				.withMessageContaining("nothing of it was sent");
			assertThat(recordsIn(BackfillImporterTests.this.prefix + ".events.31")).isZero();
		}

		@Test
		void shouldAskForTheEmissionOfARowEffectiveOnADayNotBegun() throws Exception {
			// Given a licence effective in ten days (a decision recorded ahead of its
			// date), without emitted_at, and one with it
			Path csv = BackfillImporterTests.this.dir.resolve("ahead.csv");
			LocalDate ahead = LocalDate.now(Limits.VIETNAM).plusDays(10);
			String emitted = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString();
			List<String> given = row("licensed", "F2", "1", "31", ahead.toString(), "FDI", "Nhà máy", "IRC-F2", "A|KR",
					"HP-DEEP-C", "C/26", "5", "USD", "", "");
			given.set(List.of(CsvEvents.COLUMNS).indexOf("emitted_at"), emitted);
			writeCsv(csv, List.of(row("licensed", "F1", "1", "31", ahead.toString(), "FDI", "Nhà máy", "IRC-F1", "A|KR",
					"HP-DEEP-C", "C/26", "5", "USD", "", ""), given));

			ImportSummary summary = importer(csv, 0).run();

			// Then the first is rejected asking for emitted_at (a default of "now" would
			// differ at a second run, and its copy would be a conflict), the second sent
			assertThat(summary.rejected()).isEqualTo(1);
			assertThat(readCsv(Path.of(csv + ".rejects.csv"))).singleElement()
				.satisfies((reject) -> assertThat(reject.get("reason")).contains("emitted_at: required"));
			LicensingEvent event = EventJson.read(
					Records
						.drain(BackfillImporterTests.this.kafka, BackfillImporterTests.this.prefix + ".events.31", 1,
								new StringDeserializer(), new ByteArrayDeserializer())
						.get(0)
						.value());
			assertThat(event.key()).isEqualTo("F2");
			assertThat(event.envelope().emittedAt()).isEqualTo(Instant.parse(emitted));
		}

	}

	@Nested
	class WhenTheFileIsNotPlainUtf8 {

		@Test
		void shouldSkipTheByteOrderMarkOfExcelsCsvUtf8() throws Exception {
			Path csv = BackfillImporterTests.this.dir.resolve("excel.csv");
			writeCsv(csv, licences("B", 3));
			Files.writeString(csv, "\uFEFF" + Files.readString(csv), StandardCharsets.UTF_8);

			ImportSummary summary = importer(csv, 0).run();

			assertThat(summary.published()).isEqualTo(3);
			assertThat(summary.rejected()).isZero();
		}

		@Test
		void shouldRefuseAFileInAnotherEncodingNamingItsFirstLineThatIsNotUtf8() throws Exception {
			// Given a file saved as Windows-1258 whose line 2 is ASCII and line 3 is not
			Path csv = BackfillImporterTests.this.dir.resolve("cp1258.csv");
			writeCsv(csv, List.of(licences("W1", 1).get(0), with(licences("W2", 1).get(0), "project_name", "Đình Vũ")));
			Files.write(csv, Files.readString(csv).getBytes(Charset.forName("windows-1258")));

			// When it is imported, then the run stops before anything is sent
			assertThatIllegalStateException().isThrownBy(() -> importer(csv, 0).run())
				.withMessageStartingWith("Line 3 of " + csv + " is not UTF-8")
				.withMessageContaining("the file must be UTF-8")
				.withMessageContaining("nothing of it was sent");
			assertThat(Path.of(csv + ".checkpoint")).doesNotExist();
			assertThat(recordsIn(BackfillImporterTests.this.prefix + ".events.31")).isZero();
		}

	}

	@Test
	void shouldStopBeforeSendingAnythingWhenTheUnitsTopicIsNotThere() throws Exception {
		// Given a file for Quảng Ninh, whose topic the platform under this prefix lacks
		// (a wrong --topic-prefix or --province)
		Path csv = this.dir.resolve("nowhere.csv");
		writeCsv(csv, licences("N1", 3));

		// When it is imported, then the run stops at once, naming the topic and what to
		// check, and nothing is sent: the broker would have made the topic with its own
		// settings, or each row would have waited a minute for it
		assertThatIllegalStateException()
			.isThrownBy(() -> importer(csv, this.kafka.bootstrapServers(), "22", this.prefix, "").run())
			.withMessageStartingWith("The topic " + this.prefix + ".events.22 does not exist at "
					+ this.kafka.bootstrapServers() + "; nothing was sent")
			.withMessageContaining("--topic-prefix and --province");
		assertThat(recordsIn(this.prefix + ".events.22")).isZero();
		assertThat(Path.of(csv + ".checkpoint")).doesNotExist();
	}

	@Test
	void shouldSignInWithTheClientSettingsOfAFileAndKeepItsOwnProducerSettings() throws Exception {
		Path config = this.dir.resolve("kafka.properties");
		Files.writeString(config,
				String.join("\n", "security.protocol=SASL_PLAINTEXT", "sasl.mechanism=SCRAM-SHA-512",
						"sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
								+ " username=\"unit-31\" password=\"mật-khẩu\";"),
				StandardCharsets.UTF_8);

		ImportSettings settings = ImportSettings
			.parse(new String[] { "--input", "a.csv", "--province", "31", "--kafka-config", config.toString() });

		assertThat(BackfillImporter.producerProperties(settings)).containsEntry("security.protocol", "SASL_PLAINTEXT")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("sasl.jaas.config",
					"org.apache.kafka.common.security.scram.ScramLoginModule required"
							+ " username=\"unit-31\" password=\"mật-khẩu\";")
			.containsAllEntriesOf(BackfillImporter.PRODUCER_PROPERTIES);
	}

	@Test
	void shouldRefuseAClientSettingThatWouldChangeWhereOrHowRowsAreSent() throws Exception {
		Path config = this.dir.resolve("kafka.properties");
		Files.writeString(config, "bootstrap.servers=elsewhere:9092\nacks=1\nlinger.ms=0\n", StandardCharsets.UTF_8);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImportSettings
				.parse(new String[] { "--input", "a.csv", "--province", "31", "--kafka-config", config.toString() }))
			.withMessageContaining("sets [acks, bootstrap.servers, linger.ms]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImportSettings.parse(new String[] { "--input", "a.csv", "--province", "31",
					"--kafka-config", this.dir.resolve("absent.properties").toString() }))
			.withMessageContaining("cannot be read");
	}

	private ImportSettings settings(Path input) {
		return new ImportSettings(input,
				input.toString().endsWith(".csv") ? ImportSettings.Format.CSV : ImportSettings.Format.NDJSON,
				this.kafka.bootstrapServers(), "31", this.prefix, Path.of(input + ".rejects.csv"),
				Path.of(input + ".checkpoint"), 0, false);
	}

	/**
	 * An importer of a CSV into the given destination, with a checkpoint and rejects file
	 * named {@code <input><suffix>.checkpoint} and {@code <input><suffix>.rejects.csv}.
	 */
	private BackfillImporter importer(Path input, String bootstrapServers, String province, String topicPrefix,
			String suffix) {
		return new BackfillImporter(
				new ImportSettings(input, ImportSettings.Format.CSV, bootstrapServers, province, topicPrefix,
						Path.of(input + suffix + ".rejects.csv"), Path.of(input + suffix + ".checkpoint"), 0, false));
	}

	/** The records ever written to a topic: 0 if it does not exist. */
	private long recordsIn(String topic) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers()))) {
			if (!admin.listTopics().names().get().contains(topic)) {
				return 0;
			}
			Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
			admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get()
				.get(topic)
				.partitions()
				.forEach(
						(partition) -> ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
			return admin.listOffsets(ends).all().get().values().stream().mapToLong((end) -> end.offset()).sum();
		}
	}

	/** Good DDI licences of Hải Phòng, {@code <project>-0}, {@code <project>-1}, … */
	private static List<List<String>> licences(String project, int count) {
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(row("licensed", (count == 1) ? project : project + i, "1", "31", "2024-03-15", "DDI",
					"Kho " + project + "-" + i, "", "A|KR", "HP-DEEP-C", "H/52", "265000000000", "VND", "", ""));
		}
		return rows;
	}

	private static List<String> with(List<String> row, String column, String value) {
		List<String> changed = new ArrayList<>(row);
		changed.set(List.of(CsvEvents.COLUMNS).indexOf(column), value);
		return changed;
	}

	private static String line(List<String> row) {
		return CSVFormat.RFC4180.format(row.toArray());
	}

	private BackfillImporter importer(Path input, long maxRows) {
		return new BackfillImporter(new ImportSettings(input,
				input.toString().endsWith(".csv") ? ImportSettings.Format.CSV : ImportSettings.Format.NDJSON,
				this.kafka.bootstrapServers(), "31", this.prefix, Path.of(input + ".rejects.csv"),
				Path.of(input + ".checkpoint"), maxRows, false));
	}

	private static List<String> row(String kind, String project, String revision, String province, String date,
			String type, String name, String irc, String investors, String zone, String sector, String amount,
			String currency, String newCapital, String adjustment) {
		Map<String, String> values = new HashMap<>();
		values.put("kind", kind);
		values.put("project_code", project);
		values.put("revision", revision);
		values.put("province_code", province);
		values.put("effective_date", date);
		values.put("investment_type", type);
		values.put("project_name", name);
		values.put("irc_number", irc);
		values.put("investors", investors);
		values.put("zone_code", zone);
		values.put("sector", sector);
		values.put("amount", amount);
		values.put("currency", currency);
		values.put("new_registered_capital", newCapital);
		values.put("adjustment_number", adjustment);
		List<String> row = new ArrayList<>();
		for (String column : CsvEvents.COLUMNS) {
			row.add(values.getOrDefault(column, ""));
		}
		return row;
	}

	private static void writeCsv(Path file, List<List<String>> rows) throws Exception {
		StringWriter out = new StringWriter();
		try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(CsvEvents.COLUMNS).get())) {
			for (List<String> row : rows) {
				printer.printRecord(row);
			}
		}
		Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
	}

	/**
	 * A rejects file's rows, after its byte order mark: with it, Excel opens the file as
	 * UTF-8, not in the Windows code page, and a clerk reads the Vietnamese rows as
	 * written.
	 */
	private static List<CSVRecord> readCsv(Path file) throws Exception {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		assertThat(text).as("%s starts with a byte order mark", file).startsWith("\uFEFF");
		try (CSVParser parser = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(text.substring(1)))) {
			return parser.getRecords();
		}
	}

}
