package vn.investledger.console.release;

import java.security.Principal;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Each user's release requests answered at once, at most {@value #PER_USER}: a release,
 * its revisions, a zone-board release, a publication. Each may wait, holding a request
 * thread, for the ledger to catch up with its instant, for a point in time of the history
 * and for a turn of the passes ({@code Turns}), up to half a minute each; without this,
 * one official asking for a release at a hundred instants at once would hold as many of
 * the console's 200 request threads, and every other official would wait. Past it, the
 * request is answered 503 at once, before any of that work, with {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
class ReleaseRequests implements WebMvcConfigurer, HandlerInterceptor {

	/**
	 * A user's release requests answered at once: a page asks for a release and its
	 * revisions, and may ask for the next month's before those are answered.
	 */
	static final int PER_USER = 4;

	/**
	 * The paths of the release requests that compute: a release (national or zone-board,
	 * in any format), its revisions, a publication. The lists of publications read one
	 * topic and are not counted.
	 */
	static final List<String> PATHS = List.of("/api/releases/*", "/api/releases/*/revisions",
			"/api/releases/*/zone-board", "/api/admin/releases/*/publications",
			"/api/admin/releases/*/zone-board/publications");

	private static final String COUNTED = ReleaseRequests.class.getName() + ".counted";

	private final ConcurrentMap<String, AtomicInteger> byUser = new ConcurrentHashMap<>();

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns(PATHS);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Principal user = request.getUserPrincipal();
		if (user == null || request.getAttribute(COUNTED) != null) {
			// signed out (refused by the security rules), or counted already (the
			// dispatch of an answer computed asynchronously)
			return true;
		}
		AtomicInteger answering = this.byUser.computeIfAbsent(user.getName(), (name) -> new AtomicInteger());
		if (answering.incrementAndGet() > PER_USER) {
			answering.decrementAndGet();
			throw new Releases.ReleaseBusyException("You have " + PER_USER + " release requests being answered, as"
					+ " many as one user may have at once; send this one again once one of them is answered");
		}
		request.setAttribute(COUNTED, user.getName());
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		Object user = request.getAttribute(COUNTED);
		if (user != null) {
			request.removeAttribute(COUNTED);
			this.byUser.get((String) user).decrementAndGet();
		}
	}

	/**
	 * How many release requests of a user are being answered now.
	 * @param user the user's name
	 * @return the count
	 */
	int answering(String user) {
		AtomicInteger answering = this.byUser.get(user);
		return (answering != null) ? answering.get() : 0;
	}

}
