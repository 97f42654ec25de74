package vn.investledger.console.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The answer to a file's endpoint asked with {@code format=json} under an {@code Accept}
 * that takes no JSON: the JSON handler's {@code produces} did not match, so the file's
 * handler was chosen. It answers 406, saying why, rather than a file in another format or
 * a refusal of the format the request named.
 */
public final class NotAcceptable {

	private NotAcceptable() {
	}

	/**
	 * The refusal.
	 * @param format the format asked for ({@code json})
	 * @return a 406 naming the format and what to ask instead
	 */
	public static ResponseStatusException json(String format) {
		return new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE,
				"format=" + format + " answers application/json, which this request's Accept header does not take:"
						+ " send Accept: application/json (or no Accept), or ask for format=csv or format=xlsx");
	}

}
