package vn.investledger.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL query of a Grafana panel reads: what is left of it once label
 * matchers, ranges, grouping clauses, numbers and function calls are taken out.
 */
final class GrafanaQueries {

	private static final Pattern LABELS = Pattern.compile("\\{[^}]*\\}");

	private static final Pattern RANGES = Pattern.compile("\\[[^\\]]*\\]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)\\}");

	private static final Pattern EXACT = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");

	private GrafanaQueries() {
	}

	/**
	 * A metric read with labels matched exactly ({@code check="lag"}; {@code =~} and
	 * {@code !=} are not exact).
	 *
	 * @param metric the metric's name
	 * @param labels each label and the value it must have
	 */
	record Selector(String metric, Map<String, String> labels) {

	}

	/**
	 * The metrics a query reads with labels matched exactly.
	 * @param expr a PromQL expression
	 * @return each such selector, in order
	 */
	static List<Selector> selectors(String expr) {
		List<Selector> selectors = new ArrayList<>();
		Matcher selector = SELECTOR.matcher(expr);
		while (selector.find()) {
			Map<String, String> labels = new LinkedHashMap<>();
			Matcher exact = EXACT.matcher(selector.group(2));
			while (exact.find()) {
				int at = exact.start(0) + exact.group(1).length();
				String rest = selector.group(2).substring(at).stripLeading();
				// "=", not "=~" or "!="
				if (rest.startsWith("=") && !rest.startsWith("=~")
						&& (exact.start(0) == 0 || selector.group(2).charAt(exact.start(0) - 1) != '!')) {
					labels.put(exact.group(1), exact.group(2));
				}
			}
			selectors.add(new Selector(selector.group(1), labels));
		}
		return selectors;
	}

	/**
	 * The metrics a query reads.
	 * @param expr a PromQL expression
	 * @return the metric names, in order
	 */
	static List<String> metrics(String expr) {
		String bare = GROUPING.matcher(RANGES.matcher(LABELS.matcher(expr).replaceAll(" ")).replaceAll(" "))
			.replaceAll(" ");
		List<String> names = new ArrayList<>();
		Matcher name = NAME.matcher(bare);
		while (name.find()) {
			int next = name.end();
			while (next < bare.length() && Character.isWhitespace(bare.charAt(next))) {
				next++;
			}
			boolean call = next < bare.length() && bare.charAt(next) == '(';
			boolean number = name.start() > 0 && Character.isDigit(bare.charAt(name.start() - 1));
			if (!call && !number
					&& !List.of("by", "without", "and", "or", "unless", "bool", "offset").contains(name.group())) {
				names.add(name.group());
			}
		}
		return names;
	}

}
