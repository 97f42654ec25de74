package vn.investledger.console.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The console's own sign-in page, in Vietnamese with a switch to English
 * ({@code signin/login.html}, its texts in {@code static/login.js}), in place of Spring
 * Security's generated one. The page is rendered here, not served as a file, because the
 * form carries the request's CSRF token in {@code _csrf}: the form post has no script to
 * send the {@code XSRF-TOKEN} cookie in a header, and a form field must hold the token as
 * Spring Security masks it for each page.
 */
@Controller
@Hidden
class SignInPage {

	private static final String TEMPLATE = "/signin/login.html";

	private final String page;

	SignInPage() {
		try (InputStream in = SignInPage.class.getResourceAsStream(TEMPLATE)) {
			if (in == null) {
				throw new IllegalStateException("No " + TEMPLATE + " on the class path");
			}
			this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The sign-in form.
	 * @param token the request's CSRF token
	 * @param error present after a failed sign-in
	 * @param logout present after signing out
	 * @param busy present after a sign-in whose password could not be checked, every
	 * check being taken
	 * @param wait present after a sign-in refused unchecked, its name having failed too
	 * often lately
	 * @return the page
	 */
	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String login(CsrfToken token, @RequestParam(required = false) String error,
			@RequestParam(required = false) String logout, @RequestParam(required = false) String busy,
			@RequestParam(required = false) String wait) {
		String state = (error != null) ? "error"
				: (busy != null) ? "busy" : (wait != null) ? "wait" : (logout != null) ? "logout" : "";
		return this.page.replace("{{state}}", state)
			.replace("{{csrfParameter}}", HtmlUtils.htmlEscape(token.getParameterName()))
			.replace("{{csrfToken}}", HtmlUtils.htmlEscape(token.getToken()));
	}

}
