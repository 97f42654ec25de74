package vn.investledger.producers.gateway.rejections;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import vn.investledger.producers.gateway.security.ProvinceClient;

/**
 * The pages of refused records being sent at once: a page of up to a few MiB is held
 * until its caller has read it, after its listing's slot is free, so a unit that asks for
 * pages and reads none would otherwise pile them up in the heap (each request on a thread
 * of its own, nothing else bounds them). At most {@value #MAX_PAGES} in all,
 * {@value #MAX_UNIT_PAGES} of a unit; past either, 503 with {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
class PagesBeingSent implements HandlerInterceptor, WebMvcConfigurer {

	/** The most pages being sent at once, across units. */
	static final int MAX_PAGES = 16;

	/** The most pages of one unit being sent at once. */
	static final int MAX_UNIT_PAGES = 2;

	private static final String SLOT = PagesBeingSent.class.getName() + ".slot";

	private final ListingSlots slots = new ListingSlots(MAX_PAGES, MAX_UNIT_PAGES,
			"Unit %s's pages of rejections are being sent, and a unit's are sent at most %d at once: read them",
			"As many pages of rejections are being sent as the gateway sends at once");

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/v1/rejections");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (caller != null && caller.getPrincipal() instanceof ProvinceClient client) {
			request.setAttribute(SLOT, this.slots.take(client.province()));
		}
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (request.getAttribute(SLOT) instanceof ListingSlots.Slot slot) {
			slot.close();
		}
	}

	/**
	 * The slots of the pages being sent now.
	 * @return the slots
	 */
	ListingSlots slots() {
		return this.slots;
	}

}
