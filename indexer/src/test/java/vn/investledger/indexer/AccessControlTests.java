package vn.investledger.indexer;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.investledger.indexer.IndexerFixture.ADMIN;
import static vn.investledger.indexer.IndexerFixture.JSON;
import static vn.investledger.indexer.IndexerFixture.OFFICIAL;
import static vn.investledger.indexer.IndexerFixture.PASSWORD;
import static vn.investledger.indexer.IndexerFixture.params;
import static vn.investledger.indexer.IndexerFixture.state;

/**
 * Who may do what in the console and the search API: nobody anonymous, officials read,
 * admins also rebuild, and no other site makes a signed-in browser change anything.
 * (Province publishers write through the gateway, whose tests cover a province writing
 * another's events.)
 */
@IndexerTest
class AccessControlTests {

	private static final IndexerFixture fixture = IndexerFixture.withUniquePrefix("access");

	/** A site an admin might visit while signed in. */
	private static final String EVIL = "https://evil.example";

	/** The changing endpoint the CSRF tests aim at; the stock index rebuilds fastest. */
	private static final String REBUILD = "/api/admin/rebuilds?kinds=stock";

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		fixture.register(registry);
	}

	@AfterAll
	static void close() {
		fixture.close();
	}

	@Test
	void shouldAnswerAnAnonymousSearchWith401AndABasicChallenge() {
		fixture.port(this.port);
		for (String path : new String[] { "/api/search/projects", "/api/search/totals/list", "/api/console/freshness",
				"/api/reports/monthly", "/api/admin/rebuilds" }) {
			HttpResponse<String> response = fixture.send("GET", null, null, path, params("q", "hai phong"));

			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValue("Basic realm=\"investledger\", charset=\"UTF-8\"");
			assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("Sign in at /login");
		}
	}

	@Test
	void shouldRefuseAWrongPasswordAndAnUnknownName() {
		fixture.port(this.port);
		assertThat(fixture.send("GET", OFFICIAL, "wrong", "/api/search/projects", Map.of()).statusCode())
			.isEqualTo(401);
		assertThat(fixture.send("GET", "nobody", PASSWORD, "/api/search/projects", Map.of()).statusCode())
			.isEqualTo(401);
	}

	@Test
	void shouldSendAnAnonymousBrowserToTheLoginForm() {
		fixture.port(this.port);
		HttpResponse<String> console = fixture.send("GET", null, null, "/", Map.of());
		HttpResponse<String> login = fixture.send("GET", null, null, "/login", Map.of());

		assertThat(console.statusCode()).isEqualTo(302);
		assertThat(console.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("name=\"username\"", "name=\"password\"", "_csrf");
	}

	@Test
	void shouldLetAnOfficialReadEverythingButNotRebuild() {
		fixture.port(this.port);
		fixture.publishState(state("AC-1", 1, "Nhà máy kiểm soát truy cập", "DINH-VU", "KR", "C", "100"));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(
					fixture.getJson("/api/search/projects", params("q", "kiem soat truy cap")).get("total").asLong())
				.isEqualTo(1));

		assertThat(fixture.send("GET", OFFICIAL, PASSWORD, "/", Map.of()).body()).contains("console.js");
		assertThat(fixture.getJson("/api/console/me", Map.of()).get("roles").get(0).asString()).isEqualTo("OFFICIAL");
		HttpResponse<String> rebuild = fixture.send("POST", OFFICIAL, PASSWORD, "/api/admin/rebuilds",
				params("kinds", "projects"));
		assertThat(rebuild.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(rebuild.body()).get("detail").asString()).contains(OFFICIAL, "/api/admin/rebuilds");
		assertThat(fixture.send("GET", OFFICIAL, PASSWORD, "/actuator/env", Map.of()).statusCode()).isEqualTo(403);
		// health and metrics stay open to probes and Prometheus
		HttpResponse<String> anonymousHealth = fixture.send("GET", null, null, "/actuator/health", Map.of());
		assertThat(anonymousHealth.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(anonymousHealth.body()).has("components")).as("details for signed-in users only")
			.isFalse();
		HttpResponse<String> prometheus = fixture.send("GET", null, null, "/actuator/prometheus", Map.of());
		assertThat(prometheus.statusCode()).isEqualTo(200);
		// what the Grafana dashboard in docker/ plots: lag, bulk latency, newest event
		// age
		assertThat(prometheus.body()).contains("investledger_indexer_newest_event_age_seconds",
				"investledger_indexer_bulk_seconds_bucket", "kafka_consumer_fetch_manager_records_lag_max",
				"spring_kafka_listener_seconds_count");
	}

	@Test
	void shouldReportKafkaAndElasticsearchInTheHealthOfASignedInUser() {
		fixture.port(this.port);
		JsonNode health = fixture.getJson("/actuator/health", Map.of()).get("components");

		assertThat(health.get("elasticsearch").get("status").asString()).isEqualTo("UP");
		JsonNode kafka = health.get("kafka");
		assertThat(kafka.get("status").asString()).isEqualTo("UP");
		assertThat(kafka.get("details").get("brokers").asInt()).isEqualTo(1);
		assertThat(kafka.get("details").get("listeners").properties()).hasSize(5)
			.allSatisfy((listener) -> assertThat(listener.getValue().asString()).isEqualTo("running"));
	}

	@Test
	void shouldLetAnAdminRebuildAndFollowItsProgress() {
		fixture.port(this.port);
		fixture.publishState(state("AC-2", 1, "Nhà máy quản trị", "DINH-VU", "KR", "C", "100"));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(
					fixture.getJson("/api/search/projects", params("q", "nha may quan tri")).get("total").asLong())
				.isEqualTo(1));

		HttpResponse<String> bad = fixture.send("POST", ADMIN, PASSWORD, "/api/admin/rebuilds",
				params("kinds", "everything"));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("everything");

		HttpResponse<String> started = fixture.send("POST", ADMIN, PASSWORD, "/api/admin/rebuilds",
				params("kinds", "projects"));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			JsonNode status = JSON
				.readTree(fixture.send("GET", ADMIN, PASSWORD, "/api/admin/rebuilds", Map.of()).body());
			assertThat(status.get("state").asString()).isEqualTo("done");
			assertThat(status.get("done").get(0).get("current").asString()).isEqualTo(fixture.prefix + "-projects-v2");
		});
		// the official's search now reads the new index, with both projects in it
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					fixture.getJson("/api/search/projects", params("q", "nha may")).get("total").asLong())
				.isGreaterThanOrEqualTo(1));
		assertThat(fixture.getJson("/api/search/projects/AC-2", Map.of()).get("projectName").asString())
			.isEqualTo("Nhà máy quản trị");
	}

	@Test
	void shouldRefuseACrossSitePostWithTheAdminsSessionAndStartNoRebuild() throws Exception {
		// Given an admin signed in to the console in a browser
		fixture.port(this.port);
		Browser browser = signedInAdmin();
		JsonNode before = rebuildStatus();

		// When another site's form posts to the rebuild endpoint with the session cookie
		HttpResponse<String> forged = browser.post(REBUILD, Map.of("Origin", EVIL, "Sec-Fetch-Site", "cross-site"));

		// Then it is refused and no rebuild starts
		assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
		assertThat(forged.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JSON.readTree(forged.body()).get("detail").asString()).contains("CSRF token", "X-XSRF-TOKEN");
		assertThat(rebuildStatus()).isEqualTo(before);
		// and so is the same post without any header naming a site
		assertThat(browser.post(REBUILD, Map.of()).statusCode()).isEqualTo(403);
		assertThat(rebuildStatus()).isEqualTo(before);
	}

	@Test
	void shouldRefuseACrossSitePostWithRememberedBasicCredentialsAndStartNoRebuild() {
		// Given a browser that remembers the admin's Basic credentials (after a Basic
		// challenge it sends them with every request to this server)
		fixture.port(this.port);
		JsonNode before = rebuildStatus();

		// When another site's page posts to the rebuild endpoint, as a browser names it
		for (Map<String, String> crossSite : List.of(Map.of("Origin", EVIL), Map.of("Origin", "null"),
				Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Sec-Fetch-Site", "same-site"),
				Map.of("Origin", EVIL, "Sec-Fetch-Site", "cross-site"))) {
			HttpResponse<String> forged = basicPost(REBUILD, crossSite);

			// Then it is refused and no rebuild starts
			assertThat(forged.statusCode()).as("%s: %s", crossSite, forged.body()).isEqualTo(403);
			assertThat(JSON.readTree(forged.body()).get("title").asString()).isEqualTo("CSRF token required");
			assertThat(rebuildStatus()).as("%s", crossSite).isEqualTo(before);
		}
	}

	@Test
	void shouldAcceptASameOriginPostWithTheTokenAndAScriptsBasicPost() throws Exception {
		// Given an admin signed in to the console, whose page holds the token cookie
		fixture.port(this.port);
		Browser browser = signedInAdmin();
		String token = browser.cookie("XSRF-TOKEN");
		assertThat(token).as("the XSRF-TOKEN cookie a page's script reads").isNotBlank();

		// When the console's page posts with the token in X-XSRF-TOKEN
		HttpResponse<String> fromThePage = browser.post(REBUILD, Map.of("Origin", "http://127.0.0.1:" + this.port,
				"Sec-Fetch-Site", "same-origin", "X-XSRF-TOKEN", token));

		// Then the rebuild starts
		assertThat(fromThePage.statusCode()).as(fromThePage.body()).isEqualTo(202);
		awaitRebuildEnded();

		// And a script (curl -u) posting its Basic credentials without Origin needs no
		// token
		HttpResponse<String> script = basicPost(REBUILD, Map.of());
		assertThat(script.statusCode()).as(script.body()).isEqualTo(202);
		awaitRebuildEnded();
		// nor does a page of this service that sends them itself (Swagger UI)
		HttpResponse<String> swagger = basicPost(REBUILD,
				Map.of("Origin", "http://127.0.0.1:" + this.port, "Sec-Fetch-Site", "same-origin"));
		assertThat(swagger.statusCode()).as(swagger.body()).isEqualTo(202);
		awaitRebuildEnded();
	}

	private JsonNode rebuildStatus() {
		HttpResponse<String> status = fixture.send("GET", ADMIN, PASSWORD, "/api/admin/rebuilds", Map.of());
		assertThat(status.statusCode()).isEqualTo(200);
		return JSON.readTree(status.body());
	}

	private void awaitRebuildEnded() {
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(rebuildStatus().get("state").asString()).isEqualTo("done"));
	}

	private HttpResponse<String> basicPost(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.header("Authorization", IndexerFixture.basic(ADMIN, PASSWORD));
		headers.forEach(request::header);
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
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
		Browser browser = new Browser(this.port);
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

		private final int port;

		Browser(int port) {
			this.port = port;
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
			return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		}

	}

}
