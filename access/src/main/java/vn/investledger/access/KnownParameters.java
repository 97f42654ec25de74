package vn.investledger.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.support.ExtendedServletRequestDataBinder;

/**
 * Refuses a request whose query string names a parameter its endpoint does not take, with
 * 400 and a problem that names it and lists those the endpoint takes. Without it, a
 * misspelt filter ({@code provnce=31}) is ignored, and a search answers for every
 * province as if for one: a figure silently wrong. An endpoint's parameters are its
 * {@code @RequestParam}s (or simple arguments without an annotation) and the properties
 * of the objects it binds them to ({@code @ModelAttribute}, or a record or bean of this
 * platform without an annotation), those its mapping selects it by
 * ({@code params = "format=json"}), and {@link #EVERYWHERE}. An endpoint that reads the
 * request itself (a {@code Map} of parameters, the request) is not checked unless it says
 * what it takes ({@link Takes}), nor the actuator's endpoints (a handler mapping of their
 * own). A form body's fields are checked as the query string's are (a misspelt
 * {@code typ=DDI} would otherwise publish the FDI release), except for a handler that
 * says what it takes: it reads its body itself, and the check leaves it unread. A
 * parameter given twice is refused too, unless its argument or property is a list or an
 * array: otherwise Spring keeps the first of {@code type=FDI&type=DDI} and answers for
 * FDI alone. Objects bound from parameters take nothing from the request's headers
 * ({@link QueryOnly}): a {@code Status: terminated} header left set in a clerk's tool
 * would otherwise filter every search. A service imports this configuration.
 */
@Configuration(proxyBeanMethods = false)
@Import(KnownParameters.QueryOnly.class)
public class KnownParameters implements WebMvcConfigurer {

	/** The problem's title. */
	public static final String TITLE = "Unknown parameter";

	/** The problem's title for a parameter given more than once. */
	public static final String REPEATED_TITLE = "Parameter given more than once";

	/**
	 * The title of the problem for a parameter given empty where its endpoint has a
	 * default for it.
	 */
	public static final String EMPTY_TITLE = "Parameter given empty";

	/**
	 * Taken by every endpoint: {@code continue}, which Spring Security adds to the URL it
	 * sends a browser back to after signing in (an export link opened once the session
	 * had expired), and {@code _csrf}, the token a form may carry for Spring Security's
	 * check, which reads it before the handler.
	 */
	static final Set<String> EVERYWHERE = Set.of("continue", "_csrf");

	/**
	 * The query parameters a handler takes, said outright: for a handler that reads the
	 * request itself, which would otherwise not be checked ({@code @Takes({})}: none but
	 * {@link #EVERYWHERE} and those its mapping selects it by).
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	public @interface Takes {

		/**
		 * The names.
		 * @return the names the handler takes
		 */
		String[] value();

	}

	/**
	 * Marks an optional parameter whose default is worked out rather than declared
	 * ({@code @RequestParam(required = false)}, absent read as {@code null}): given empty
	 * ({@code sort=}), Spring would read it as absent too, and answer for the default as
	 * if asked. It is refused as a declared default is, the refusal naming this
	 * description of the default.
	 */
	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	public @interface WorkedOutDefault {

		/**
		 * The default, as the refusal names it.
		 * @return e.g. {@code 7}, or {@code relevance with words to find, else NEWEST}
		 */
		String value();

	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(interceptor());
	}

	/**
	 * The check, for a controller set up without this configuration (a standalone
	 * {@code MockMvc}).
	 * @return the interceptor every service registers
	 */
	public static HandlerInterceptor interceptor() {
		return new Check();
	}

	/**
	 * The query parameters a handler method takes.
	 * @param handler the handler method
	 * @return their names, or empty if the method reads the request itself without saying
	 * what it takes ({@link Takes})
	 */
	static Optional<Set<String>> of(HandlerMethod handler) {
		Set<String> names = new TreeSet<>(mappedParams(handler));
		Takes said = handler.getMethodAnnotation(Takes.class);
		if (said != null) {
			names.addAll(Arrays.asList(said.value()));
			return Optional.of(names);
		}
		for (MethodParameter declared : handler.getMethodParameters()) {
			declared.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
			MethodParameter parameter = declared.nestedIfOptional();
			Class<?> type = parameter.getNestedParameterType();
			RequestParam requestParam = declared.getParameterAnnotation(RequestParam.class);
			if (requestParam != null) {
				if (Map.class.isAssignableFrom(type)) {
					return Optional.empty();
				}
				names.add(StringUtils.hasText(requestParam.name()) ? requestParam.name() : declared.getParameterName());
			}
			else if (bound(declared)) {
				continue;
			}
			else if (readsTheRequest(type)) {
				return Optional.empty();
			}
			else if (declared.hasParameterAnnotation(ModelAttribute.class)) {
				names.addAll(properties(type));
			}
			else if (BeanUtils.isSimpleProperty(type)) {
				names.add(declared.getParameterName());
			}
			else if (type.getPackageName().startsWith("vn.investledger")) {
				names.addAll(properties(type));
			}
		}
		return Optional.of(names);
	}

	/**
	 * The parameters a handler's mapping selects it by ({@code params = "format=json"},
	 * on the method or its class): the request names them, so the handler takes them.
	 */
	private static Set<String> mappedParams(HandlerMethod handler) {
		Set<String> names = new TreeSet<>();
		for (AnnotatedElement element : List.of(handler.getBeanType(), handler.getMethod())) {
			RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(element, RequestMapping.class);
			if (mapping != null) {
				// Spring's own reading of name, !name, name=value and name!=value; a
				// request with !name is not this handler's
				RequestMappingInfo.paths()
					.params(mapping.params())
					.build()
					.getParamsCondition()
					.getExpressions()
					.stream()
					.filter((expression) -> !(expression.isNegated() && expression.getValue() == null))
					.forEach((expression) -> names.add(expression.getName()));
			}
		}
		return names;
	}

	private static boolean readsTheRequest(Class<?> type) {
		return ServletRequest.class.isAssignableFrom(type) || WebRequest.class.isAssignableFrom(type)
				|| Map.class.isAssignableFrom(type);
	}

	/** Whether an argument comes from elsewhere than the query string. */
	private static boolean bound(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return parameter.hasParameterAnnotation(PathVariable.class)
				|| parameter.hasParameterAnnotation(RequestHeader.class)
				|| parameter.hasParameterAnnotation(RequestBody.class)
				|| parameter.hasParameterAnnotation(CookieValue.class)
				|| parameter.hasParameterAnnotation(RequestAttribute.class)
				|| parameter.hasParameterAnnotation(AuthenticationPrincipal.class)
				|| Principal.class.isAssignableFrom(type) || Authentication.class.isAssignableFrom(type)
				|| ServletResponse.class.isAssignableFrom(type) || java.io.OutputStream.class.isAssignableFrom(type)
				|| java.io.Writer.class.isAssignableFrom(type) || java.util.Locale.class.isAssignableFrom(type)
				|| java.util.TimeZone.class.isAssignableFrom(type) || java.time.ZoneId.class.isAssignableFrom(type)
				|| org.springframework.http.HttpMethod.class.isAssignableFrom(type)
				|| parameter.hasParameterAnnotation(org.springframework.beans.factory.annotation.Value.class)
				|| org.springframework.validation.Errors.class.isAssignableFrom(type);
	}

	/**
	 * The names a data binder binds an object by: its constructor's arguments (a record's
	 * components; {@code @BindParam} renames one) and its setters.
	 */
	private static Set<String> properties(Class<?> type) {
		return properties(type, (any) -> true);
	}

	/** The names a data binder binds an object by whose type is of a kind. */
	private static Set<String> properties(Class<?> type, java.util.function.Predicate<Class<?>> kind) {
		Set<String> names = new TreeSet<>();
		Constructor<?> constructor = BeanUtils.getResolvableConstructor(type);
		if (constructor.getParameterCount() > 0) {
			String[] arguments = BeanUtils.getParameterNames(constructor);
			for (int i = 0; i < arguments.length; i++) {
				if (kind.test(constructor.getParameterTypes()[i])) {
					BindParam renamed = constructor.getParameters()[i].getAnnotation(BindParam.class);
					names.add((renamed != null) ? renamed.value() : arguments[i]);
				}
			}
		}
		for (var property : BeanUtils.getPropertyDescriptors(type)) {
			if (property.getWriteMethod() != null && kind.test(property.getPropertyType())) {
				names.add(property.getName());
			}
		}
		return names;
	}

	/** The names a query string gives more than once, decoded, in order. */
	static Set<String> repeatedIn(String query) {
		return repeated(namesOf(query));
	}

	private static Set<String> repeated(List<String> given) {
		Set<String> seen = new java.util.HashSet<>();
		Set<String> repeated = new java.util.LinkedHashSet<>();
		for (String name : given) {
			if (!seen.add(name)) {
				repeated.add(name);
			}
		}
		return repeated;
	}

	/**
	 * The parameters a handler takes as a list or an array: an argument, or a property of
	 * an object it binds.
	 */
	static Set<String> repeatable(HandlerMethod handler) {
		Set<String> names = new TreeSet<>();
		for (MethodParameter declared : handler.getMethodParameters()) {
			declared.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
			Class<?> type = declared.nestedIfOptional().getNestedParameterType();
			RequestParam requestParam = declared.getParameterAnnotation(RequestParam.class);
			if (multiValued(type)) {
				names.add((requestParam != null && StringUtils.hasText(requestParam.name())) ? requestParam.name()
						: declared.getParameterName());
			}
			else if (requestParam == null && (declared.hasParameterAnnotation(ModelAttribute.class)
					|| type.getPackageName().startsWith("vn.investledger"))) {
				names.addAll(properties(type, KnownParameters::multiValued));
			}
		}
		return names;
	}

	/**
	 * The parameters a handler gives a default ({@code @RequestParam(defaultValue = …)},
	 * or one worked out, {@link WorkedOutDefault}), with it: Spring takes such a
	 * parameter given empty ({@code type=}) for absent, and would answer for the default
	 * as if asked.
	 */
	static Map<String, String> defaulted(HandlerMethod handler) {
		Map<String, String> defaults = new java.util.TreeMap<>();
		for (MethodParameter declared : handler.getMethodParameters()) {
			RequestParam requestParam = declared.getParameterAnnotation(RequestParam.class);
			WorkedOutDefault workedOut = declared.getParameterAnnotation(WorkedOutDefault.class);
			if (requestParam != null
					&& (!ValueConstants.DEFAULT_NONE.equals(requestParam.defaultValue()) || workedOut != null)) {
				declared.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
				defaults.put(
						StringUtils.hasText(requestParam.name()) ? requestParam.name() : declared.getParameterName(),
						(workedOut != null) ? workedOut.value() : requestParam.defaultValue());
			}
		}
		return defaults;
	}

	private static boolean multiValued(Class<?> type) {
		return type.isArray() || java.util.Collection.class.isAssignableFrom(type);
	}

	/** The names of a query string's parameters, decoded, in order. */
	static Set<String> namesIn(String query) {
		return new java.util.LinkedHashSet<>(namesOf(query));
	}

	/**
	 * The names of a query string's parameters, decoded, in order, each as often as
	 * given.
	 */
	private static List<String> namesOf(String query) {
		List<String> names = new java.util.ArrayList<>();
		if (query == null || query.isEmpty()) {
			return names;
		}
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			try {
				names.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				names.add(name);
			}
		}
		return names;
	}

	/** The interceptor: checks each request against its handler's parameters. */
	static final class Check implements HandlerInterceptor {

		/** Per handler method: the names it takes, empty if it is not checked. */
		private final Map<java.lang.reflect.Method, Optional<Set<String>>> known = new ConcurrentHashMap<>();

		/** Per handler method: the names it takes more than once (lists, arrays). */
		private final Map<java.lang.reflect.Method, Set<String>> repeatable = new ConcurrentHashMap<>();

		/** Per handler method: the parameters it gives a default, with it. */
		private final Map<java.lang.reflect.Method, Map<String, String>> defaulted = new ConcurrentHashMap<>();

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws java.io.IOException {
			if (!(handler instanceof HandlerMethod method)) {
				return true;
			}
			Optional<Set<String>> takes = this.known.computeIfAbsent(method.getMethod(), (m) -> of(method));
			if (takes.isEmpty()) {
				return true;
			}
			List<String> given = namesOf(request.getQueryString());
			Set<String> unknown = new java.util.LinkedHashSet<>(given);
			Set<String> repeated = repeated(given);
			if (!method.hasMethodAnnotation(Takes.class)) {
				// a form body's fields too (POST, PUT, PATCH, multipart), bound like the
				// query
				// string's; a handler that says what it takes reads its body itself
				request.getParameterMap().forEach((name, values) -> {
					unknown.add(name);
					if (values.length > 1) {
						repeated.add(name);
					}
				});
			}
			repeated.removeAll(this.repeatable.computeIfAbsent(method.getMethod(), (m) -> repeatable(method)));
			repeated.retainAll(takes.get());
			if (!repeated.isEmpty()) {
				String detail = String.join(", ", repeated.stream().map(KnownParameters::shown).toList())
						+ ((repeated.size() == 1) ? " is" : " are") + " given more than once to " + request.getMethod()
						+ " " + request.getRequestURI() + "; give each once (a list is written with commas)";
				problem(request, response, REPEATED_TITLE, detail);
				return false;
			}
			for (Map.Entry<String, String> defaulted : this.defaulted
				.computeIfAbsent(method.getMethod(), (m) -> defaulted(method))
				.entrySet()) {
				String[] values = request.getParameterValues(defaulted.getKey());
				if (values != null && values.length == 1 && values[0].isBlank()) {
					String detail = shown(defaulted.getKey()) + " is given empty to " + request.getMethod() + " "
							+ request.getRequestURI() + "; give it a value, or leave it out for its default ("
							+ ((defaulted.getValue().isEmpty()) ? "none" : defaulted.getValue()) + ")";
					problem(request, response, EMPTY_TITLE, detail);
					return false;
				}
			}
			unknown.removeAll(takes.get());
			unknown.removeAll(EVERYWHERE);
			if (unknown.isEmpty()) {
				return true;
			}
			String detail = String.join(", ", unknown.stream().map(KnownParameters::shown).toList())
					+ ((unknown.size() == 1) ? " is not a parameter of " : " are not parameters of ")
					+ request.getMethod() + " " + request.getRequestURI() + "; it takes "
					+ (takes.get().isEmpty() ? "none" : String.join(", ", takes.get()));
			problem(request, response, TITLE, detail);
			return false;
		}

		private static void problem(HttpServletRequest request, HttpServletResponse response, String title,
				String detail) throws java.io.IOException {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8);
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "about:blank");
			problem.put("title", title);
			problem.put("status", HttpStatus.BAD_REQUEST.value());
			problem.put("detail", detail);
			problem.put("instance", request.getRequestURI());
			response.getWriter().write(JsonMapper.shared().writeValueAsString(problem));
		}

	}

	/** A name as the problem shows it: at most 40 characters, quoted. */
	private static String shown(String name) {
		String cut = (name.length() > 40) ? name.substring(0, 40) + "…" : name;
		return "\"" + cut + "\"";
	}

	/**
	 * Binds objects from parameters alone: since Spring Framework 6.2 a data binder also
	 * takes a request header of a property's name ({@code Status},
	 * {@code Restated-Province}) where the parameter is absent, unseen by the check of
	 * parameters.
	 */
	@ControllerAdvice
	static class QueryOnly {

		@InitBinder
		void bindNoHeader(WebDataBinder binder) {
			if (binder instanceof ExtendedServletRequestDataBinder servlet) {
				servlet.setHeaderPredicate((header) -> false);
			}
		}

	}

}
