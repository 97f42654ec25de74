package vn.investledger.console.system;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.investledger.console.ConsoleFixture.ADMIN;
import static vn.investledger.console.ConsoleFixture.JSON;
import static vn.investledger.console.ConsoleFixture.OFFICIAL;
import static vn.investledger.console.ConsoleFixture.PASSWORD;
import static vn.investledger.console.ConsoleFixture.SCRAPER;
import static vn.investledger.console.ConsoleFixture.SCRAPER_PASSWORD;
import static vn.investledger.console.ConsoleFixture.params;
import static vn.investledger.console.ConsoleFixture.state;

/**
 * Who may do what in the console and the search API, with a real sign-in and session:
 * nobody anonymous, officials read, only admins see the actuator's other endpoints, only
 * the metrics scraper the Prometheus metrics, and no other site makes a signed-in browser
 * change anything. (The slice tests {@code SearchApiTests}, {@code ReportApiTests} and
 * {@code MetricsAccessTests} cover each endpoint's answers without Elasticsearch; the
 * rebuild is the indexer's, whose {@code AdminApiTests} cover it; province publishers
 * write through the gateway.)
 */
@ConsoleTest
class AccessControlTests {

	/** A site an official might visit while signed in. */
	private static final String EVIL = "https://evil.example";

	/** The change a signed-in browser can make here: signing out. */
	private static final String LOGOUT = "/logout";

	private final ConsoleFixture fixture;

	AccessControlTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldAnswerAnAnonymousSearchWith401AndABasicChallenge() {
		for (String path : new String[] { "/api/search/projects", "/api/search/totals/list", "/api/console/freshness",
				"/api/reports/monthly" }) {
			HttpResponse<String> response = this.fixture.send("GET", null, null, path, params("q", "hai phong"));

			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValue("Basic realm=\"investledger\", charset=\"UTF-8\"");
			assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("Sign in at /login");
		}
	}

	@Test
	void shouldAnswerAnAnonymousFormBodyBeforeReadingIt() throws Exception {
		// a PUT stating 1 GiB of form and sending 10 bytes: a filter reading forms before
		// sign-in would wait for all of it and hold it in memory
		URI console = URI.create(this.fixture.url("/"));
		try (Socket socket = new Socket(console.getHost(), console.getPort())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("PUT /api/search/projects HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1073741824\r\n\r\na=aaaaaaaa")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();

			String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
				.readLine();

			// refused unsigned (no credentials, no CSRF token), having read none of it
			assertThat(status).matches("HTTP/1\\.1 40[13] .*");
		}
	}

	@Test
	void shouldRefuseAWrongPasswordAndAnUnknownName() {
		assertThat(this.fixture.send("GET", OFFICIAL, "wrong", "/api/search/projects", Map.of()).statusCode())
			.isEqualTo(401);
		assertThat(this.fixture.send("GET", "nobody", PASSWORD, "/api/search/projects", Map.of()).statusCode())
			.isEqualTo(401);
	}

	@Test
	void shouldSendAnAnonymousBrowserToTheLoginForm() {
		HttpResponse<String> console = this.fixture.send("GET", null, null, "/", Map.of());
		HttpResponse<String> login = this.fixture.send("GET", null, null, "/login", Map.of());

		assertThat(console.statusCode()).isEqualTo(302);
		assertThat(console.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("name=\"username\"", "name=\"password\"", "_csrf");
	}

	@Test
	void shouldLetAnOfficialReadEverythingButTheActuatorsOtherEndpointsAndTheMetrics() {
		this.fixture.index(state("AC-1", 1, "Nhà máy kiểm soát truy cập", "DINH-VU", "KR", "C", "100"));
		assertThat(
				this.fixture.getJson("/api/search/projects", params("q", "kiem soat truy cap")).get("total").asLong())
			.isEqualTo(1);

		assertThat(this.fixture.send("GET", OFFICIAL, PASSWORD, "/", Map.of()).body()).contains("console.js");
		assertThat(this.fixture.getJson("/api/console/me", Map.of()).get("roles").get(0).asString())
			.isEqualTo("OFFICIAL");
		assertThat(this.fixture.send("GET", OFFICIAL, PASSWORD, "/actuator/env", Map.of()).statusCode()).isEqualTo(403);
		assertThat(this.fixture.send("GET", ADMIN, PASSWORD, "/actuator/metrics", Map.of()).statusCode())
			.isEqualTo(200);
		assertThat(this.fixture.send("GET", OFFICIAL, PASSWORD, "/actuator/metrics", Map.of()).statusCode())
			.isEqualTo(403);
		// the rebuild is the indexer's: the console has no such endpoint
		assertThat(this.fixture.send("POST", ADMIN, PASSWORD, "/api/admin/rebuilds", Map.of()).statusCode())
			.isEqualTo(404);
		// health stays open to probes
		HttpResponse<String> anonymousHealth = this.fixture.send("GET", null, null, "/actuator/health", Map.of());
		assertThat(anonymousHealth.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(anonymousHealth.body()).has("components")).as("details for signed-in users only")
			.isFalse();
		// and the Prometheus metrics are the metrics scraper's alone
		for (String user : new String[] { null, OFFICIAL, ADMIN }) {
			assertThat(this.fixture.send("GET", user, PASSWORD, "/actuator/prometheus", Map.of()).statusCode())
				.as(String.valueOf(user))
				.isEqualTo(401);
		}
		HttpResponse<String> prometheus = this.fixture.send("GET", SCRAPER, SCRAPER_PASSWORD, "/actuator/prometheus",
				Map.of());
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("http_server_requests_seconds_count");
	}

	@Test
	void shouldReportElasticsearchInTheHealthOfASignedInUser() {
		JsonNode health = this.fixture.getJson("/actuator/health", Map.of()).get("components");

		assertThat(health.get("elasticsearch").get("status").asString()).isEqualTo("UP");
	}

	@Test
	void shouldRefuseACrossSitePostWithTheSessionAndKeepTheOfficialSignedIn() throws Exception {
		// Given an admin signed in to the console in a browser
		Browser browser = signedInAdmin();

		// When another site's form posts with the session cookie
		HttpResponse<String> forged = browser.post(LOGOUT, Map.of("Origin", EVIL, "Sec-Fetch-Site", "cross-site"));

		// Then it is refused and changes nothing
		assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
		assertThat(forged.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JSON.readTree(forged.body()).get("detail").asString()).contains("CSRF token", "X-XSRF-TOKEN");
		assertThat(browser.get("/api/console/me").statusCode()).isEqualTo(200);
		// and so is the same post without any header naming a site
		assertThat(browser.post(LOGOUT, Map.of()).statusCode()).isEqualTo(403);
		assertThat(browser.get("/api/console/me").statusCode()).isEqualTo(200);
	}

	@Test
	void shouldRefuseACrossSitePostWithRememberedBasicCredentials() {
		// When another site's page posts with the Basic credentials a browser remembers
		for (Map<String, String> crossSite : List.of(Map.of("Origin", EVIL), Map.of("Origin", "null"),
				Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Sec-Fetch-Site", "same-site"),
				Map.of("Origin", EVIL, "Sec-Fetch-Site", "cross-site"))) {
			HttpResponse<String> forged = basicPost(LOGOUT, crossSite);

			// Then it is refused
			assertThat(forged.statusCode()).as("%s: %s", crossSite, forged.body()).isEqualTo(403);
			assertThat(JSON.readTree(forged.body()).get("title").asString()).isEqualTo("CSRF token required");
		}
	}

	@Test
	void shouldAcceptASameOriginPostWithTheToken() throws Exception {
		// Given an admin signed in to the console, whose page holds the token cookie
		Browser browser = signedInAdmin();
		String token = browser.cookie("XSRF-TOKEN");
		assertThat(token).as("the XSRF-TOKEN cookie a page's script reads").isNotBlank();

		// When the console's page posts with the token in X-XSRF-TOKEN
		HttpResponse<String> fromThePage = browser.post(LOGOUT,
				Map.of("Origin", this.fixture.url(""), "Sec-Fetch-Site", "same-origin", "X-XSRF-TOKEN", token));

		// Then it is done: the admin is signed out
		assertThat(fromThePage.statusCode()).as(fromThePage.body()).isBetween(200, 399);
		assertThat(browser.get("/api/console/me").statusCode()).isEqualTo(401);
	}

	@Test
	void shouldMakeANameWaitAfterFailedSignInsInARow() throws Exception {
		// Given wrong passwords in a row for a name, through the sign-in form
		String name = "kẻ-đoán-" + UUID.randomUUID().toString().substring(0, 8);
		Browser browser = new Browser(this.fixture.url(""));
		for (int i = 1; i <= 6; i++) {
			HttpResponse<String> form = browser.get("/login");
			Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
			assertThat(csrf.find()).as(form.body()).isTrue();
			HttpResponse<String> signIn = browser.postForm("/login",
					Map.of("username", name, "password", "đoán " + i, "_csrf", csrf.group(1)));

			// Then the first five say the name or password is wrong, the sixth to wait
			assertThat(signIn.statusCode()).isEqualTo(302);
			assertThat(signIn.headers().firstValue("Location")).as("attempt %d", i)
				.hasValue(this.fixture.url((i <= 5) ? "/login?error" : "/login?wait"));
		}
		assertThat(browser.get("/login?wait").body()).contains("data-state=\"wait\"")
			.contains("xin đợi vài phút rồi thử lại");
		// and a script with that name's credentials is answered 429, when to try again
		HttpResponse<String> script = this.fixture.send("GET", name, "đoán 7", "/api/search/projects", Map.of());
		assertThat(script.statusCode()).isEqualTo(429);
		assertThat(script.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 300L));
		assertThat(JSON.readTree(script.body()).get("title").asString()).isEqualTo("Sign-in backed off");
	}

	private HttpResponse<String> basicPost(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.fixture.url(path)))
			.POST(HttpRequest.BodyPublishers.noBody())
			.header("Authorization", ConsoleFixture.basic(ADMIN, PASSWORD));
		headers.forEach(request::header);
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Signs the admin in through the console's form, as a browser does: the form's token,
	 * then the session cookie.
	 */
	private Browser signedInAdmin() throws Exception {
		Browser browser = new Browser(this.fixture.url(""));
		HttpResponse<String> form = browser.get("/login");
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
		assertThat(csrf.find()).as(form.body()).isTrue();
		HttpResponse<String> signIn = browser.postForm("/login",
				Map.of("username", ADMIN, "password", PASSWORD, "_csrf", csrf.group(1)));
		assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).doesNotContain("error"));
		// the console's first call, which also hands its page the token cookie
		HttpResponse<String> me = browser.get("/api/console/me");
		assertThat(JSON.readTree(me.body()).get("name").asString()).isEqualTo(ADMIN);
		return browser;
	}

	/**
	 * A browser's cookie jar, sending every cookie it holds with each request, whatever
	 * their SameSite attribute: the worst case, as with an older browser.
	 */
	private static final class Browser {

		private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(this.cookies).build();

		private final String base;

		Browser(String base) {
			this.base = base;
		}

		HttpResponse<String> get(String path) throws Exception {
			return this.http.send(request(path).GET().header("X-Requested-With", "XMLHttpRequest").build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}

		HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
			HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.noBody());
			headers.forEach(request::header);
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}

		HttpResponse<String> postForm(String path, Map<String, String> fields) throws Exception {
			StringBuilder body = new StringBuilder();
			fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
				.append(name)
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
			return this.http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}

		String cookie(String name) {
			return this.cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter((cookie) -> cookie.getName().equals(name))
				.map(HttpCookie::getValue)
				.findFirst()
				.orElse(null);
		}

		private HttpRequest.Builder request(String path) {
			return HttpRequest.newBuilder(URI.create(this.base + path));
		}

	}

}
