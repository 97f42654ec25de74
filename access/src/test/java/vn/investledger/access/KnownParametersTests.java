package vn.investledger.access;

import java.lang.reflect.Method;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.support.ExtendedServletRequestDataBinder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query string that names a parameter its endpoint does not take is refused, naming it;
 * any mix of the parameters it takes passes.
 */
class KnownParametersTests {

	private static final List<String> SEARCH_TAKES = List.of("cursor", "maxCapital", "province", "q", "size", "sort",
			"zone");

	private final KnownParameters.Check check = new KnownParameters.Check();

	@Property(tries = 300)
	void shouldPassAnyMixOfTheParametersAnEndpointTakes(@ForAll("taken") List<String> names) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		boolean passed = this.check.preHandle(get("/search", query(names)), response, handler("search"));

		assertThat(passed).isTrue();
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Property(tries = 300)
	void shouldRefuseAnyOtherParameterNamingIt(@ForAll("taken") List<String> names, @ForAll("other") String other)
			throws Exception {
		List<String> asked = new java.util.ArrayList<>(names);
		asked.add(asked.isEmpty() ? 0 : (other.length() % (asked.size() + 1)), other);
		MockHttpServletResponse response = new MockHttpServletResponse();

		boolean passed = this.check.preHandle(get("/search", query(asked)), response, handler("search"));

		assertThat(passed).isFalse();
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.getContentAsString());
		assertThat(problem.get("title").asString()).isEqualTo(KnownParameters.TITLE);
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		String shown = (other.length() > 40) ? other.substring(0, 40) + "…" : other;
		assertThat(problem.get("detail").asString()).startsWith("\"" + shown + "\" is not a parameter of GET /search")
			.endsWith("; it takes " + String.join(", ", SEARCH_TAKES));
	}

	@Property(tries = 300)
	void shouldCheckAFormBodysFieldsAsTheQueryStrings(@ForAll("taken") List<String> names,
			@ForAll("other") String other) throws Exception {
		MockHttpServletResponse taken = new MockHttpServletResponse();
		MockHttpServletResponse refused = new MockHttpServletResponse();

		// with the token Spring Security's check reads from a form
		List<String> fields = new java.util.ArrayList<>(names);
		fields.add("_csrf");

		boolean passed = this.check.preHandle(post("/search", "size=5", fields), taken, handler("search"));
		boolean passedOther = this.check.preHandle(post("/search", "size=5", List.of(other)), refused,
				handler("search"));

		assertThat(passed).isTrue();
		assertThat(taken.getStatus()).isEqualTo(200);
		assertThat(passedOther).isFalse();
		assertThat(refused.getStatus()).isEqualTo(400);
		String shown = (other.length() > 40) ? other.substring(0, 40) + "…" : other;
		assertThat(JsonMapper.shared().readTree(refused.getContentAsString()).get("detail").asString())
			.startsWith("\"" + shown + "\" is not a parameter of POST /search");
	}

	@Property(tries = 50)
	void shouldLeaveTheFormBodyOfAHandlerThatSaysWhatItTakes(@ForAll("other") String other) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		assertThat(this.check.preHandle(post("/any", null, List.of(other)), response, handler("post"))).isTrue();
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Property(tries = 300)
	void shouldRefuseAParameterGivenTwiceRatherThanKeepTheFirst(@ForAll("taken") List<String> names,
			@ForAll("takenName") String twice, @ForAll boolean inTheBody) throws Exception {
		List<String> query = new java.util.ArrayList<>(names);
		query.remove(twice);
		MockHttpServletResponse response = new MockHttpServletResponse();
		HttpServletRequest request;
		if (inTheBody) {
			// once in the query string and once in the form, as the container merges them
			query.add(twice);
			MockHttpServletRequest form = (MockHttpServletRequest) post("/search", query(query), List.of());
			query.forEach((name) -> form.addParameter(name, "1"));
			form.addParameter(twice, "2");
			request = form;
		}
		else {
			query.add(twice);
			query.add(0, twice);
			request = get("/search", query(query));
		}

		boolean passed = this.check.preHandle(request, response, handler("search"));

		assertThat(passed).isFalse();
		assertThat(response.getStatus()).isEqualTo(400);
		JsonNode problem = JsonMapper.shared().readTree(response.getContentAsString());
		assertThat(problem.get("title").asString()).isEqualTo(KnownParameters.REPEATED_TITLE);
		assertThat(problem.get("detail").asString()).isEqualTo("\"" + twice + "\" is given more than once to "
				+ request.getMethod() + " /search; give each once (a list is written with commas)");
	}

	@Property(tries = 200)
	void shouldRefuseAParameterWithADefaultGivenEmptyRatherThanAnswerForTheDefault(@ForAll("taken") List<String> names,
			@ForAll("blank") String value) throws Exception {
		List<String> others = new java.util.ArrayList<>(names);
		others.remove("size");
		MockHttpServletRequest empty = (MockHttpServletRequest) get("/search",
				query(others) + "&size=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
		MockHttpServletRequest given = (MockHttpServletRequest) get("/search", query(others) + "&size=5");
		others.forEach((name) -> {
			empty.addParameter(name, "1");
			given.addParameter(name, "1");
		});
		empty.addParameter("size", value);
		given.addParameter("size", "5");
		MockHttpServletResponse refused = new MockHttpServletResponse();
		MockHttpServletResponse answered = new MockHttpServletResponse();

		assertThat(this.check.preHandle(empty, refused, handler("search"))).isFalse();
		assertThat(this.check.preHandle(given, answered, handler("search"))).isTrue();

		assertThat(refused.getStatus()).isEqualTo(400);
		JsonNode problem = JsonMapper.shared().readTree(refused.getContentAsString());
		assertThat(problem.get("title").asString()).isEqualTo(KnownParameters.EMPTY_TITLE);
		assertThat(problem.get("detail").asString())
			.isEqualTo("\"size\" is given empty to GET /search; give it a value, or leave it out for its default (20)");
		assertThat(answered.getStatus()).isEqualTo(200);
	}

	@Provide
	Arbitrary<String> blank() {
		return Arbitraries.of("", " ", "\t", "  ");
	}

	@org.junit.jupiter.api.Test
	void shouldTakeAListParameterMoreThanOnce() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		assertThat(this.check.preHandle(get("/many", "provinces=31&provinces=01&q=x"), response, handler("many")))
			.isTrue();
		assertThat(KnownParameters.repeatable(handler("many"))).containsExactly("codes", "provinces");
		assertThat(this.check.preHandle(get("/many", "provinces=31&q=x&q=y"), response, handler("many"))).isFalse();
	}

	@org.junit.jupiter.api.Test
	void shouldBindNoPropertyFromAHeader() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/search");
		request.addParameter("q", "cảng");
		request.addHeader("Province", "31");
		request.addHeader("Zone", "HP-DEEP-C");
		Filters spring = new Filters();
		Filters checked = new Filters();

		new ExtendedServletRequestDataBinder(spring).bind(request);
		ExtendedServletRequestDataBinder binder = new ExtendedServletRequestDataBinder(checked);
		new KnownParameters.QueryOnly().bindNoHeader(binder);
		binder.bind(request);

		// Spring's own binder takes the headers where the query string is silent
		assertThat(spring.province).isEqualTo("31");
		assertThat(checked.province).isNull();
		assertThat(checked.zone).isNull();
		assertThat(checked.q).isEqualTo("cảng");
	}

	@Property(tries = 100)
	void shouldNotCheckAnEndpointThatReadsTheRequestItself(@ForAll("other") String other) throws Exception {
		for (String method : List.of("everything", "request")) {
			MockHttpServletResponse response = new MockHttpServletResponse();

			assertThat(this.check.preHandle(get("/any", query(List.of(other))), response, handler(method))).isTrue();
			assertThat(response.getStatus()).isEqualTo(200);
		}
	}

	@org.junit.jupiter.api.Test
	void shouldNameTheParametersOfEachKindOfArgument() throws Exception {
		assertThat(KnownParameters.of(handler("search"))).contains(Set.copyOf(SEARCH_TAKES));
		assertThat(KnownParameters.of(handler("figure"))).contains(Set.of("cuboid", "province", "period"));
		assertThat(KnownParameters.of(handler("project"))).contains(Set.of());
		assertThat(KnownParameters.of(handler("report"))).contains(Set.of("format", "month", "provinces", "year"));
		assertThat(KnownParameters.of(handler("optional"))).contains(Set.of("zone"));
		assertThat(KnownParameters.of(handler("body"))).contains(Set.of("q"));
		assertThat(KnownParameters.of(handler("everything"))).isEmpty();
		assertThat(KnownParameters.of(handler("request"))).isEmpty();
		assertThat(KnownParameters.of(handler("post"))).contains(Set.of());
	}

	@org.junit.jupiter.api.Test
	void shouldLetTheSignInSendABrowserBackToWhereItWas() throws Exception {
		// Spring Security's saved request: the export link, opened after the session
		// expired, then signed in
		MockHttpServletResponse response = new MockHttpServletResponse();

		assertThat(this.check.preHandle(get("/search", "province=31&continue"), response, handler("search"))).isTrue();
		assertThat(this.check.preHandle(get("/projects/P-1", "continue"), response, handler("project"))).isTrue();
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@org.junit.jupiter.api.Test
	void shouldRefuseAnyParameterOfAnEndpointThatTakesNone() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		assertThat(this.check.preHandle(get("/projects/P-1", "province=31&&x"), response, handler("project")))
			.isFalse();

		JsonNode problem = JsonMapper.shared().readTree(response.getContentAsString());
		assertThat(problem.get("detail").asString())
			.isEqualTo("\"province\", \"x\" are not parameters of GET /projects/P-1; it takes none");
	}

	@Provide
	Arbitrary<String> takenName() {
		return Arbitraries.of(SEARCH_TAKES);
	}

	@Provide
	Arbitrary<List<String>> taken() {
		return Arbitraries.of(SEARCH_TAKES).list().uniqueElements().ofMaxSize(7);
	}

	@Provide
	Arbitrary<String> other() {
		// any text, Vietnamese and control characters included, but the names taken
		return Arbitraries.strings()
			.withCharRange('\u0000', '\ud7ff')
			.withCharRange('\ue000', '\ufffd')
			.ofMinLength(1)
			.ofMaxLength(60)
			.filter((name) -> !SEARCH_TAKES.contains(name) && !KnownParameters.EVERYWHERE.contains(name));
	}

	private static String query(List<String> names) {
		// as a browser encodes a form (a space as +)
		return String.join("&",
				names.stream().map((name) -> URLEncoder.encode(name, StandardCharsets.UTF_8) + "=1").toList());
	}

	private static HttpServletRequest get(String path, String query) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setQueryString(query);
		return request;
	}

	/**
	 * A form post: its query string, and its body's fields as the container parses them.
	 */
	private static HttpServletRequest post(String path, String query, List<String> fields) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		request.setQueryString(query);
		request.setContentType("application/x-www-form-urlencoded");
		fields.forEach((field) -> request.addParameter(field, "1"));
		return request;
	}

	private static HandlerMethod handler(String name) {
		Method method = Arrays.stream(Endpoints.class.getDeclaredMethods())
			.filter((m) -> m.getName().equals(name))
			.findFirst()
			.orElseThrow();
		return new HandlerMethod(new Endpoints(), method);
	}

	/** Endpoints as the services write them. */
	static class Endpoints {

		String search(@ModelAttribute Filters filters, @RequestParam(required = false) String sort,
				@RequestParam(name = "size", defaultValue = "20") int pageSize, String cursor,
				@RequestHeader(name = "Accept", required = false) String accept, Principal user) {
			return "";
		}

		String figure(Coordinates figure, @RequestParam String period) {
			return "";
		}

		String project(@PathVariable String code) {
			return code;
		}

		// selected by a parameter its arguments do not name
		@GetMapping(path = "/reports", params = { "format=json", "!download" })
		String report(@ModelAttribute Month which) {
			return "";
		}

		String many(@RequestParam List<String> provinces, @RequestParam String q, Codes codes) {
			return q;
		}

		String optional(Optional<String> zone) {
			return "";
		}

		String body(@RequestBody Map<String, String> body, @RequestParam String q) {
			return q;
		}

		String everything(@RequestParam Map<String, String> parameters) {
			return "";
		}

		String request(HttpServletRequest request) {
			return "";
		}

		// reads its body from the request, and says it takes no parameter
		@KnownParameters.Takes({})
		String post(HttpServletRequest request) {
			return "";
		}

	}

	/** A month bound through its constructor, one argument renamed. */
	record Month(int year, int month, @BindParam("provinces") String list) {
	}

	/** A list bound through a record's constructor. */
	record Codes(String[] codes) {
	}

	/** Coordinates bound as a record, without an annotation. */
	record Coordinates(String cuboid, String province) {
	}

	/** Filters bound as a bean. */
	public static class Filters {

		private String q;

		private String province;

		private String zone;

		private java.math.BigDecimal maxCapital;

		public void setQ(String q) {
			this.q = q;
		}

		public void setProvince(String province) {
			this.province = province;
		}

		public void setZone(String zone) {
			this.zone = zone;
		}

		public void setMaxCapital(java.math.BigDecimal maxCapital) {
			this.maxCapital = maxCapital;
		}

		public String getQ() {
			return this.q;
		}

	}

}
