package vn.investledger.events;

import java.util.List;
import java.util.stream.Stream;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind round-trips through JSON, and the schemas and the validator agree on valid
 * and invalid events.
 */
class EveryKindTests {

	static final Schema EVENT = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, (builder) -> builder.schemaIdResolvers(
				(resolvers) -> resolvers.mapPrefix("https://investledger.vn/schemas/v1/", "classpath:schemas/")))
		.getSchema(SchemaLocation.of("https://investledger.vn/schemas/v1/event.schema.json"));

	static Stream<LicensingEvent> valid() {
		return Samples.everyKind();
	}

	@ParameterizedTest
	@MethodSource("valid")
	void shouldRoundTripEveryKind(LicensingEvent event) {
		String json = EventJson.toJson(event);

		assertThat(EventJson.read(json)).isEqualTo(event);
		assertThat(json).contains("\"kind\":\"" + event.kind().jsonName() + "\"");
	}

	@ParameterizedTest
	@MethodSource("valid")
	void shouldAcceptEveryValidKindInSchemaAndValidator(LicensingEvent event) {
		assertThat(EventValidator.validate(event)).isEmpty();
		assertThat(EVENT.validate(EventJson.toJson(event), InputFormat.JSON)).isEmpty();
	}

	static Stream<Arguments> invalid() {
		return Stream.of(
				// an adjustment that changes nothing
				Arguments.of(Samples.adjustment(), "\"capitalChange\":{\"minorUnits\":25000000000",
						"\"capitalChange\":{\"minorUnits\":0", "capitalChange.minorUnits"),
				// an adjustment of more than ten times the largest real project
				Arguments.of(Samples.adjustment(), "\"capitalChange\":{\"minorUnits\":25000000000",
						"\"capitalChange\":{\"minorUnits\":25000000000000", "capitalChange.minorUnits"),
				// adjustment number 0
				Arguments.of(Samples.adjustment(), "\"adjustmentNumber\":1", "\"adjustmentNumber\":0",
						"adjustmentNumber"),
				// a contribution without the enterprise's code
				Arguments.of(Samples.contribution(), "\"enterpriseCode\":\"0201234567-001\"", "\"enterpriseCode\":null",
						"enterpriseCode"),
				// a contribution without saying whether charter capital rises
				Arguments.of(Samples.contribution(), "\"raisesCharterCapital\":true,", "", "raisesCharterCapital"),
				// an unknown contribution form
				Arguments.of(Samples.contribution(), "\"SHARE_PURCHASE\"", "\"GIFT\"", null),
				// a negative disbursement
				Arguments.of(Samples.disbursement(), "\"minorUnits\":8000000000", "\"minorUnits\":-8000000000",
						"amount.minorUnits"),
				// a termination without a reason
				Arguments.of(Samples.termination(), "\"reason\":\"IRC_REVOKED\",", "", "reason"));
	}

	/**
	 * Rules between fields: the schemas leave them to the validator, which names the
	 * field.
	 */
	static Stream<Arguments> invalidByRule() {
		return Stream.of(
				// an FDI adjustment in đồng
				Arguments.of(Samples.adjustment(), "\"currency\":\"USD\"", "\"currency\":\"VND\"",
						"capitalChange.currency"),
				// an FDI adjustment without its IRC number
				Arguments.of(Samples.adjustment(), "\"ircNumber\":\"2104567890\"", "\"ircNumber\":null", "ircNumber"),
				// a DDI disbursement in dollars
				Arguments.of(Samples.disbursement(), "\"investmentType\":\"FDI\"", "\"investmentType\":\"DDI\"",
						"amount.currency"),
				// a suspension that ends before it starts
				Arguments.of(Samples.suspension(), "\"until\":\"2024-12-31\"", "\"until\":\"2024-01-01\"", "until"));
	}

	@ParameterizedTest
	@MethodSource("invalidByRule")
	void shouldRejectByTheRulesWhatTheSchemasLeaveOut(LicensingEvent valid, String from, String to, String field) {
		String json = EventJson.toJson(valid);
		assertThat(json).contains(from);
		String broken = json.replace(from, to);

		assertThat(EVENT.validate(broken, InputFormat.JSON)).as("schema errors for %s", broken).isEmpty();
		assertThat(EventValidator.validate(EventJson.read(broken))).extracting(Violation::field).contains(field);
	}

	@ParameterizedTest
	@MethodSource("invalid")
	void shouldRejectInSchemaAndValidator(LicensingEvent valid, String from, String to, String field) {
		String json = EventJson.toJson(valid);
		assertThat(json).contains(from);
		String broken = json.replace(from, to);

		assertThat(EVENT.validate(broken, InputFormat.JSON)).as("schema errors for %s", broken).isNotEmpty();
		if (field != null) {
			List<Violation> violations = EventValidator.validate(EventJson.read(broken));
			assertThat(violations).extracting(Violation::field).contains(field);
		}
	}

}
