package vn.investledger.events;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schemas and the Java validator state the same contract: what one accepts the
 * other accepts.
 */
class JsonSchemaTests {

	private static final Schema LICENSED = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, (builder) -> builder.schemaIdResolvers(
				(resolvers) -> resolvers.mapPrefix("https://investledger.vn/schemas/v1/", "classpath:schemas/")))
		.getSchema(SchemaLocation.of("https://investledger.vn/schemas/v1/licensed.schema.json"));

	@Test
	void shouldAcceptTheSampleLicences() {
		assertThat(LICENSED.validate(EventJson.toJson(Samples.fdiLicence()), InputFormat.JSON)).isEmpty();
		assertThat(LICENSED.validate(EventJson.toJson(Samples.ddiLicence()), InputFormat.JSON)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// FDI without IRC number
			"\"ircNumber\":\"2104567890\"=>\"ircNumber\":null",
			// FDI in đồng
			"\"currency\":\"USD\"=>\"currency\":\"VND\"",
			// revision 0
			"\"revision\":1=>\"revision\":0",
			// province code not two digits
			"\"provinceCode\":\"31\"=>\"provinceCode\":\"HP\"",
			// enterprise code with a misplaced dash
			"\"enterpriseCode\":\"0201234567\"=>\"enterpriseCode\":\"020123-4567\"",
			// lowercase country
			"\"country\":\"KR\"=>\"country\":\"kr\"",
			// sector section outside A-U
			"\"section\":\"C\"=>\"section\":\"V\"",
			// zero capital
			"\"minorUnits\":100000000050=>\"minorUnits\":0",
			// blank project code
			"\"projectCode\":\"2104567890\"=>\"projectCode\":\" \"" })
	void shouldRejectWhatTheValidatorRejects(String replacement) {
		String[] parts = replacement.split("=>");
		String json = EventJson.toJson(Samples.fdiLicence());
		assertThat(json).contains(parts[0]);
		String broken = json.replace(parts[0], parts[1]);

		List<Error> schemaErrors = LICENSED.validate(broken, InputFormat.JSON);

		assertThat(schemaErrors).as("schema errors for %s", parts[1]).isNotEmpty();
		assertThat(EventValidator.validate(EventJson.read(broken))).as("validator for %s", parts[1]).isNotEmpty();
	}

}
