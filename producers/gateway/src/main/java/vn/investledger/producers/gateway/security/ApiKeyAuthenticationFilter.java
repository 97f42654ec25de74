package vn.investledger.producers.gateway.security;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.investledger.events.reference.Provinces;
import vn.investledger.events.reference.PublishingRights;
import vn.investledger.producers.gateway.system.GatewayProperties;

/**
 * Authenticates a province system by the key in its {@value #HEADER} header, compared by
 * SHA-256 in constant time against every configured key. A request without a valid key
 * stays anonymous, and the security rules answer it with 401.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

	/**
	 * A configured key, with what its unit may publish day by day
	 * ({@link PublishingRights}).
	 */
	private record Entry(byte[] hash, PublishingRights rights) {
	}

	private final List<Entry> keys;

	private final Clock clock;

	ApiKeyAuthenticationFilter(List<GatewayProperties.ApiKey> keys) {
		this(keys, Clock.system(VIETNAM));
	}

	ApiKeyAuthenticationFilter(List<GatewayProperties.ApiKey> keys, Clock clock) {
		this.clock = clock;
		LocalDate today = LocalDate.now(clock.withZone(VIETNAM));
		Map<String, String> unitOfHash = new HashMap<>();
		for (GatewayProperties.ApiKey key : keys) {
			String other = unitOfHash.putIfAbsent(key.sha256().toLowerCase(Locale.ROOT), key.province());
			if (other != null) {
				// one key would sign in as whichever unit came last: a unit's system
				// would publish as, and read the refusals of, another
				throw new IllegalArgumentException("One API key hash is configured twice, for province " + other
						+ " and for province " + key.province() + ": each key belongs to one unit");
			}
		}
		this.keys = keys.stream().map((key) -> {
			if (!Provinces.standard().inForce(key.province(), today)) {
				throw new IllegalArgumentException("An API key is configured for province " + key.province()
						+ ", which is not a provincial unit in force today");
			}
			return new Entry(HexFormat.of().parseHex(key.sha256().toLowerCase(Locale.ROOT)),
					PublishingRights.of(key.province()));
		}).toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (key != null && !key.isBlank()) {
			byte[] hash = ApiKeys.sha256(key.strip());
			ProvinceClient client = null;
			for (Entry entry : this.keys) {
				if (MessageDigest.isEqual(entry.hash(), hash)) {
					client = new ProvinceClient(entry.rights().unit(),
							entry.rights().on(LocalDate.now(this.clock.withZone(VIETNAM))));
				}
			}
			if (client != null) {
				var authentication = new UsernamePasswordAuthenticationToken(client, null,
						AuthorityUtils.createAuthorityList("ROLE_PUBLISHER"));
				SecurityContextHolder.getContext().setAuthentication(authentication);
			}
		}
		chain.doFilter(request, response);
	}

}
