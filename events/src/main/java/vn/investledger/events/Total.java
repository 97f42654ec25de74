package vn.investledger.events;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A running figure the stream processor maintains for one cuboid (a set of dimensions),
 * one period and one investment type, as published on the totals topic.
 *
 * @param cuboid the dimensions' names joined by {@code ×}, e.g. {@code province};
 * {@code national} for none
 * @param dimensions each dimension's value, e.g. {@code province=31}
 * @param period the period, {@code all} for all time
 * @param investmentType FDI or DDI
 * @param newCapital registered capital of new projects, in the type's currency
 * @param newProjects the number of new projects
 * @param newestEventAt the emission time of the newest event this figure reflects
 */
public record Total(String cuboid, Map<String, String> dimensions, String period, InvestmentType investmentType,
		Money newCapital, long newProjects, Instant newestEventAt) {

	public Total {
		dimensions = Map.copyOf(dimensions);
	}

	/**
	 * The figure's key on the totals topic and its document id in Elasticsearch.
	 * @return e.g. {@code province|province=31|all|FDI}
	 */
	@JsonIgnore
	public String key() {
		return keyOf(this.cuboid, this.dimensions, this.period, this.investmentType);
	}

	public static String keyOf(String cuboid, Map<String, String> dimensions, String period, InvestmentType type) {
		String dims = new TreeMap<>(dimensions).entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(","));
		return cuboid + "|" + dims + "|" + period + "|" + type;
	}

}
