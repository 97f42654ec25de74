package vn.investledger.platform;

import java.util.ArrayList;
import java.util.List;
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

	private GrafanaQueries() {
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
