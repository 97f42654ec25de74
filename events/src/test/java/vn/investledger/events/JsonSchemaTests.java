package vn.investledger.events;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published JSON Schemas are the event's structure at run time: the validator reads
 * and compiles the very files the gateway serves, its structural verdict is the published
 * schemas' verdict, and changing a schema changes what the validator accepts. What the
 * schemas leave out (reference data by date, rules between fields) is the rules' alone.
 */
class JsonSchemaTests {

	/**
	 * The published event schema, read on its own from the class path, as a producer
	 * would.
	 */
	private static final Schema PUBLISHED_EVENT = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, (builder) -> builder.schemaIdResolvers(
				(resolvers) -> resolvers.mapPrefix("https://investledger.vn/schemas/v1/", "classpath:schemas/")))
		.getSchema(SchemaLocation.of("https://investledger.vn/schemas/v1/event.schema.json"));

	private static final Instant RECEIVED = Instant.parse("2024-03-16T03:00:00Z");

	@Nested
	class OneSource {

		@Test
		void shouldPublishEverySchemaFileAndNoOther() throws Exception {
			Set<String> files;
			try (Stream<Path> list = Files.list(schemasDirectory())) {
				files = list.map((file) -> file.getFileName().toString()).collect(Collectors.toSet());
			}

			assertThat(files).isEqualTo(ContractSchemas.PUBLISHED.stream()
				.map((name) -> name + ".schema.json")
				.collect(Collectors.toSet()));
		}

		@ParameterizedTest
		@ValueSource(strings = { "event", "envelope", "money", "common", "licensed", "capital-adjusted",
				"capital-contributed", "disbursed", "suspended", "resumed", "terminated" })
		void shouldValidateWithTheSchemaFilesAsPublished(String name) throws IOException {
			JsonNode published;
			try (InputStream in = JsonSchemaTests.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
				published = EventJson.mapper().readTree(in);
			}

			assertThat(ContractSchemas.shipped().document(name)).isEqualTo(published);
			assertThat(published.get("$id").asString()).isEqualTo(ContractSchemas.ID_PREFIX + name + ".schema.json");
		}

		@Test
		void shouldStateTheBoundsOfLimits() {
			ContractSchemas schemas = ContractSchemas.shipped();
			JsonNode envelope = schemas.document("envelope").at("/properties");
			JsonNode common = schemas.document("common").at("/$defs");
			JsonNode licensed = schemas.document("licensed").at("/properties");
			JsonNode money = schemas.document("money").at("/allOf");

			assertThat(envelope.at("/projectCode/maxLength").asInt()).isEqualTo(Limits.MAX_PROJECT_CODE_LENGTH);
			assertThat(envelope.at("/revision/maximum").asLong()).isEqualTo(Limits.MAX_REVISION);
			assertThat(schemas.document("capital-adjusted").at("/properties/adjustmentNumber/maximum").asLong())
				.isEqualTo(Limits.MAX_REVISION);
			assertThat(common.at("/name/maxLength").asInt()).isEqualTo(Limits.MAX_NAME_LENGTH);
			assertThat(common.at("/documentNumber/maxLength").asInt()).isEqualTo(Limits.MAX_DOCUMENT_NUMBER_LENGTH);
			assertThat(common.at("/reason/maxLength").asInt()).isEqualTo(Limits.MAX_REASON_LENGTH);
			assertThat(common.at("/investors/maxItems").asInt()).isEqualTo(Limits.MAX_INVESTORS);
			assertThat(common.at("/investors/items/properties/name/maxLength").asInt())
				.isEqualTo(Limits.MAX_INVESTOR_NAME_LENGTH);
			assertThat(money.at("/0/if/properties/minorUnits/maximum").asLong()).isEqualTo(Limits.MAX_USD_MINOR_UNITS);
			assertThat(money.at("/0/if/properties/minorUnits/minimum").asLong()).isEqualTo(-Limits.MAX_USD_MINOR_UNITS);
			assertThat(money.at("/0/else/if/properties/currency/const").asString()).isEqualTo("VND");
			assertThat(money.at("/0/else/then/properties/minorUnits/maximum").asLong())
				.isEqualTo(Limits.MAX_VND_MINOR_UNITS);
			assertThat(money.at("/0/else/then/properties/minorUnits/minimum").asLong())
				.isEqualTo(-Limits.MAX_VND_MINOR_UNITS);
			assertThat(money.at("/0/else/else/properties/minorUnits/maximum").asLong())
				.isEqualTo(Limits.MAX_USD_MINOR_UNITS);
			assertThat(money.at("/0/else/else/properties/minorUnits/minimum").asLong())
				.isEqualTo(-Limits.MAX_USD_MINOR_UNITS);
			assertThat(licensed.at("/landAreaHa/maximum").asLong()).isEqualTo(Limits.MAX_LAND_AREA_HA);
			assertThat(licensed.at("/landAreaHa/multipleOf").decimalValue())
				.isEqualByComparingTo(java.math.BigDecimal.ONE.movePointLeft(Limits.LAND_AREA_SCALE));
			assertThat(licensed.at("/plannedEmployment/maximum").asInt()).isEqualTo(Limits.MAX_EMPLOYMENT);
			assertThat(licensed.at("/durationYears/maximum").asInt()).isEqualTo(Limits.MAX_DURATION_YEARS);
		}

		@Test
		void shouldAcceptEveryValidKindAsThePublishedEventSchemaDoes() {
			Samples.everyKind().forEach((event) -> {
				assertThat(PUBLISHED_EVENT.validate(EventJson.toTree(event))).as("%s", event).isEmpty();
				assertThat(EventValidator.validate(event, RECEIVED)).as("%s", event).isEmpty();
			});
		}

		@ParameterizedTest
		@ValueSource(strings = {
				// revision 0
				"\"revision\":1=>\"revision\":0",
				// province code not two digits
				"\"provinceCode\":\"31\"=>\"provinceCode\":\"HP\"",
				// enterprise code with a misplaced dash
				"\"enterpriseCode\":\"0201234567\"=>\"enterpriseCode\":\"020123-4567\"",
				// lowercase country
				"\"country\":\"KR\"=>\"country\":\"kr\"",
				// no section has this letter in any edition
				"\"section\":\"C\"=>\"section\":\"W\"",
				// a three-digit division
				"\"division\":\"26\"=>\"division\":\"262\"",
				// zero capital
				"\"minorUnits\":100000000050=>\"minorUnits\":0",
				// blank project code
				"\"projectCode\":\"2104567890\"=>\"projectCode\":\" \"",
				// a project name with a tab
				"\"projectName\":\"Nhà máy=>\"projectName\":\"Nhà\\tmáy",
				// no investor
				"[{\"name\":\"LG Innotek Co., Ltd.\",\"country\":\"KR\"}]=>[]",
				// land area with a fifth decimal
				"\"landAreaHa\":40.5=>\"landAreaHa\":40.50001",
				// a schema version this code does not read
				"\"schemaVersion\":1=>\"schemaVersion\":2" })
		void shouldRefuseWhatThePublishedSchemaRefusesNamingTheSameFields(String replacement) {
			String[] parts = replacement.split("=>");
			String json = EventJson.toJson(Samples.fdiLicence());
			assertThat(json).contains(parts[0]);
			String broken = json.replace(parts[0], parts[1]);

			List<Error> schemaErrors = PUBLISHED_EVENT.validate(EventJson.mapper().readTree(broken));
			CheckedEvent checked = EventValidator.read(broken.getBytes(java.nio.charset.StandardCharsets.UTF_8),
					RECEIVED);

			assertThat(schemaErrors).as("published schema for %s", parts[1]).isNotEmpty();
			assertThat(checked.violations()).extracting(Violation::field)
				.as("validator for %s", parts[1])
				.containsAll(schemaErrors.stream().map(JsonSchemaTests::field).collect(Collectors.toSet()));
			assertThat(checked.violations()).allSatisfy((v) -> assertThat(v.reason()).isNotBlank());
		}

	}

	@Nested
	class ChangingASchema {

		@Test
		void shouldChangeWhatTheValidatorAccepts(@TempDir Path copy) throws Exception {
			// Given the published schemas, with the highest revision lowered to 5 and
			// the sections narrowed to A-C in the copy
			try (Stream<Path> files = Files.list(schemasDirectory())) {
				for (Path file : files.toList()) {
					Files.copy(file, copy.resolve(file.getFileName()));
				}
			}
			edit(copy.resolve("envelope.schema.json"),
					(schema) -> ((ObjectNode) schema.at("/properties/revision")).put("maximum", 5));
			edit(copy.resolve("common.schema.json"),
					(schema) -> ((ObjectNode) schema.at("/$defs/sector/properties/section")).put("pattern", "^[A-C]$"));
			ContractSchemas changed = new ContractSchemas(copy.toUri());
			LicensingEvent revision6 = withRevision(Samples.fdiLicence(), 6);
			LicensingEvent hotel = new Licensed(Samples.envelope(), InvestmentType.DDI, "Khách sạn Đồ Sơn", null, null,
					List.of(new Investor("Công ty CP Du lịch Đồ Sơn", "VN")), null, new Sector("I", "55"),
					Money.vnd(265_000_000_000L), null, null, null);

			// Then the shipped schemas accept both, the changed ones refuse each for
			// the field whose rule changed
			assertThat(structural(ContractSchemas.shipped(), revision6)).isEmpty();
			assertThat(structural(changed, revision6)).extracting(Violation::field)
				.containsExactly("envelope.revision");
			assertThat(structural(changed, revision6)).extracting(Violation::reason)
				.containsExactly("must be 1 to 5, was 6");
			assertThat(structural(ContractSchemas.shipped(), hotel)).isEmpty();
			assertThat(structural(changed, hotel)).extracting(Violation::field).containsExactly("sector.section");
		}

		private static List<Violation> structural(ContractSchemas schemas, LicensingEvent event) {
			Violations violations = new Violations();
			schemas.check(event.kind(), EventJson.toTree(event), violations);
			return violations.list(schemas.inFieldOrder(event.kind()));
		}

		private static void edit(Path file, java.util.function.Consumer<JsonNode> change) throws IOException {
			JsonNode schema = EventJson.mapper().readTree(file.toFile());
			change.accept(schema);
			Files.writeString(file, EventJson.mapper().writeValueAsString(schema));
		}

	}

	@Nested
	class WhatNoSchemaSays {

		@Test
		void shouldLeaveTheRulesBetweenFieldsAndByDateToTheValidator() {
			Licensed l = Samples.fdiLicence();
			// an FDI licence without its IRC number; in đồng; a section that VSIC 2018,
			// in force on 15 March 2024, does not have
			Licensed noIrc = new Licensed(l.envelope(), l.investmentType(), l.projectName(), null, l.enterpriseCode(),
					l.investors(), l.zoneCode(), l.sector(), l.registeredCapital(), l.landAreaHa(),
					l.plannedEmployment(), l.durationYears());
			Licensed inDong = new Licensed(l.envelope(), l.investmentType(), l.projectName(), l.ircNumber(),
					l.enterpriseCode(), l.investors(), l.zoneCode(), l.sector(), Money.vnd(1_000_000_000L),
					l.landAreaHa(), l.plannedEmployment(), l.durationYears());
			Licensed sectionV = new Licensed(l.envelope(), l.investmentType(), l.projectName(), l.ircNumber(),
					l.enterpriseCode(), l.investors(), null, new Sector("V", "99"), l.registeredCapital(),
					l.landAreaHa(), l.plannedEmployment(), l.durationYears());

			assertThat(PUBLISHED_EVENT.validate(EventJson.toTree(noIrc))).isEmpty();
			assertThat(PUBLISHED_EVENT.validate(EventJson.toTree(inDong))).isEmpty();
			assertThat(PUBLISHED_EVENT.validate(EventJson.toTree(sectionV))).isEmpty();
			assertThat(EventValidator.validate(noIrc, RECEIVED)).extracting(Violation::field)
				.containsExactly("ircNumber");
			assertThat(EventValidator.validate(inDong, RECEIVED)).extracting(Violation::reason)
				.containsExactly("FDI capital is recorded in USD, was VND");
			assertThat(EventValidator.validate(sectionV, RECEIVED)).extracting(Violation::reason)
				.containsExactly("VSIC 2018, the edition in force on 2024-03-15, has sections A to U, not V");
		}

	}

	private static String field(Error error) {
		String field = ContractSchemas.path(error.getInstanceLocation());
		return "required".equals(error.getKeyword())
				? (field.isEmpty() ? error.getProperty() : field + "." + error.getProperty()) : field;
	}

	private static Path schemasDirectory() throws URISyntaxException {
		return Path.of(JsonSchemaTests.class.getResource("/schemas").toURI());
	}

	private static Licensed withRevision(Licensed l, long revision) {
		EventEnvelope e = l.envelope();
		return new Licensed(
				new EventEnvelope(e.schemaVersion(), UUID.randomUUID(), e.projectCode(), revision, e.provinceCode(),
						LocalDate.of(2024, 3, 15), e.emittedAt()),
				l.investmentType(), l.projectName(), l.ircNumber(), l.enterpriseCode(), l.investors(), l.zoneCode(),
				l.sector(), l.registeredCapital(), l.landAreaHa(), l.plannedEmployment(), l.durationYears());
	}

}
