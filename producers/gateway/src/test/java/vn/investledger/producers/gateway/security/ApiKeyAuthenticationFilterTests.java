package vn.investledger.producers.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import vn.investledger.producers.gateway.system.GatewayProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a key's unit may publish follows the province tables day by day: a gateway running
 * across a reorganisation's date gives the absorbing unit the absorbed units' events from
 * that date, and the absorbed unit's key nothing, without a restart.
 */
class ApiKeyAuthenticationFilterTests {

	private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-06-30T16:59:00Z"));

	private final Clock clock = new Clock() {

		@Override
		public ZoneId getZone() {
			return VIETNAM;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return ApiKeyAuthenticationFilterTests.this.now.get();
		}

	};

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void shouldGiveTheAbsorbingUnitTheAbsorbedUnitsEventsFromTheReorganisationsDate() throws Exception {
		// Given keys of Hải Phòng (31) and Hải Dương (30), configured on 30 June 2025,
		// the last day before Hải Phòng absorbed Hải Dương
		ApiKeyAuthenticationFilter filter = new ApiKeyAuthenticationFilter(
				List.of(key("31", "hai-phong"), key("30", "hai-duong")), this.clock);
		assertThat(publishable(filter, "hai-phong")).containsExactly("31");
		assertThat(publishable(filter, "hai-duong")).containsExactly("30");

		// When the day in Vietnam turns to 1 July 2025 (17:00 UTC)
		this.now.set(Instant.parse("2025-06-30T17:00:00Z"));

		// Then Hải Phòng publishes Hải Dương's events too, and Hải Dương's key nothing
		assertThat(publishable(filter, "hai-phong")).containsExactlyInAnyOrder("30", "31");
		assertThat(publishable(filter, "hai-duong")).isEmpty();
	}

	@Test
	void shouldRefuseToStartWithOneKeyConfiguredForTwoUnits() {
		// a clerk copies a unit's block and changes only its province
		GatewayProperties.ApiKey haiPhong = key("31", "shared-key");
		GatewayProperties.ApiKey copied = new GatewayProperties.ApiKey("33", haiPhong.sha256().toUpperCase());

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ApiKeyAuthenticationFilter(List.of(haiPhong, copied), this.clock))
			.withMessageContaining("configured twice")
			.withMessageContaining("31")
			.withMessageContaining("33");
	}

	private static GatewayProperties.ApiKey key(String province, String key) {
		return new GatewayProperties.ApiKey(province, HexFormat.of().formatHex(ApiKeys.sha256(key)));
	}

	private static Set<String> publishable(ApiKeyAuthenticationFilter filter, String key) throws Exception {
		SecurityContextHolder.clearContext();
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/events");
		request.addHeader(ApiKeyAuthenticationFilter.HEADER, key);
		filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return ((ProvinceClient) authentication.getPrincipal()).publishableProvinces();
	}

}
