package vn.investledger.processor.totals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;

/**
 * The answers of another service found at a peer's advertised address, for the tests of
 * what the processor takes from a peer.
 */
public final class FigurePeerAnswers {

	private FigurePeerAnswers() {
	}

	/**
	 * Answers as another service would.
	 * @param answer {@code 302} or {@code 303} (to a sign-in page), {@code 204},
	 * {@code 200-empty}, or anything else for an HTML page
	 * @param exchange the request
	 * @throws IOException if the answer cannot be written
	 */
	public static void otherService(String answer, HttpExchange exchange) throws IOException {
		switch (answer) {
			case "302", "303" -> {
				exchange.getResponseHeaders().add("Location", "/login");
				exchange.sendResponseHeaders(Integer.parseInt(answer), -1);
			}
			case "204" -> exchange.sendResponseHeaders(204, -1);
			case "200-empty" -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, -1);
			}
			default -> {
				byte[] html = "<html><body>Đăng nhập</body></html>".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "text/html; charset=UTF-8");
				exchange.sendResponseHeaders(200, html.length);
				exchange.getResponseBody().write(html);
			}
		}
		exchange.close();
	}

}
