package vn.investledger.producers.gateway.security;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.investledger.events.reference.Provinces;
import vn.investledger.producers.gateway.system.GatewayProperties;

/**
 * Authenticates a province system by the key in its {@value #HEADER} header, compared by
 * SHA-256 in constant time against every configured key. A request without a valid key
 * stays anonymous, and the security rules answer it with 401.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

	private record Entry(byte[] hash, ProvinceClient client) {
	}

	private final List<Entry> keys;

	ApiKeyAuthenticationFilter(List<GatewayProperties.ApiKey> keys) {
		LocalDate today = LocalDate.now(VIETNAM);
		this.keys = keys.stream().map((key) -> {
			if (!Provinces.standard().inForce(key.province(), today)) {
				throw new IllegalArgumentException("An API key is configured for province " + key.province()
						+ ", which is not a provincial unit in force today");
			}
			// what a province may publish changes only with a reorganisation: computed
			// once per key
			return new Entry(HexFormat.of().parseHex(key.sha256().toLowerCase()),
					new ProvinceClient(key.province(), Provinces.standard().codesPublishableBy(key.province(), today)));
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
					client = entry.client();
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
