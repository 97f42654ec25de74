package vn.investledger.events;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventJsonTests {

	@Test
	void shouldRoundTripALicenceWithVietnameseTextAndExactMoney() {
		Licensed licence = Samples.fdiLicence();

		LicensingEvent read = EventJson.read(EventJson.toBytes(licence));

		assertThat(read).isEqualTo(licence);
		assertThat(((Licensed) read).registeredCapital().toMajor()).hasToString("1000000000.50");
	}

	@Test
	void shouldWriteKindEnvelopeAndIntegerMinorUnits() {
		JsonNode json = EventJson.mapper().readTree(EventJson.toJson(Samples.fdiLicence()));

		assertThat(json.get("kind").asString()).isEqualTo("licensed");
		assertThat(json.get("envelope").get("projectCode").asString()).isEqualTo("2104567890");
		assertThat(json.get("envelope").get("effectiveDate").asString()).isEqualTo("2024-03-15");
		assertThat(json.get("envelope").get("emittedAt").asString()).isEqualTo("2024-03-15T03:00:00Z");
		assertThat(json.get("registeredCapital").get("minorUnits").isIntegralNumber()).isTrue();
		assertThat(json.get("registeredCapital").get("minorUnits").asLong()).isEqualTo(100_000_000_050L);
		assertThat(json.has("partnerCountry")).isFalse();
	}

	/**
	 * A figure's JSON without its US dollar equivalent (written by hand, or by a version
	 * before combined USD figures) is refused: read as zero, it would add US$0 for its
	 * flows to every combined figure.
	 */
	@Test
	void shouldRefuseAFigureWithoutItsUsdEquivalent() {
		Total figure = Total.builder("national", java.util.Map.of(), "2025", InvestmentType.DDI)
			.newProjects(1, Money.vnd(265_000_000_000L))
			.build();
		String json = new String(Topics.totalSerde().serializer().serialize("", figure), StandardCharsets.UTF_8);
		JsonNode tree = EventJson.mapper().readTree(json);
		assertThat(tree.has("usdEquivalent")).isTrue();
		assertThat(Topics.totalSerde().deserializer().deserialize("", json.getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(figure);

		String without = ((tools.jackson.databind.node.ObjectNode) tree.deepCopy()).without("usdEquivalent").toString();
		String withNull = ((tools.jackson.databind.node.ObjectNode) tree.deepCopy()).putNull("usdEquivalent")
			.toString();

		for (String refused : new String[] { without, withNull }) {
			assertThatException().isThrownBy(
					() -> Topics.totalSerde().deserializer().deserialize("", refused.getBytes(StandardCharsets.UTF_8)))
				.withStackTraceContaining("usdEquivalent");
		}
	}

	@Test
	void shouldKeepUtf8Bytes() {
		byte[] bytes = EventJson.toBytes(Samples.ddiLicence());

		assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Kho lạnh Đình Vũ");
	}

	/**
	 * Binding reads back an event kept by a later version with a property this one does
	 * not know; an arriving event with one is refused by the schemas
	 * ({@link UnknownFieldsTests}).
	 */
	@Test
	void shouldBindAnEventWithAPropertyThisVersionDoesNotKnow() {
		String json = EventJson.toJson(Samples.ddiLicence()).replaceFirst("\\{", "{\"addedInV1_1\":true,");

		assertThat(EventJson.read(json)).isEqualTo(Samples.ddiLicence());
	}

	@Test
	void shouldRejectAnUnknownKind() {
		String json = EventJson.toJson(Samples.ddiLicence()).replace("\"kind\":\"licensed\"", "\"kind\":\"merged\"");

		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> EventJson.read(json))
			.withMessageContaining("merged");
	}

	@Test
	void shouldRejectAFractionalAmount() {
		String json = EventJson.toJson(Samples.ddiLicence()).replace("265000000000", "265000000000.5");

		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> EventJson.read(json));
	}

}
