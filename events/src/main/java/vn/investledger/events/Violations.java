package vn.investledger.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The violations of one event, one per field: the first reason found for a field is kept,
 * so a field the schema refused for its shape is not refused again by a rule that reads
 * it.
 */
final class Violations {

	private final Map<String, String> byField = new LinkedHashMap<>();

	void add(String field, String reason) {
		this.byField.putIfAbsent(field, reason);
	}

	boolean has(String field) {
		return this.byField.containsKey(field);
	}

	boolean isEmpty() {
		return this.byField.isEmpty();
	}

	/**
	 * The violations in an order.
	 * @param order the order of fields
	 * @return the violations
	 */
	List<Violation> list(Comparator<Violation> order) {
		List<Violation> list = new ArrayList<>(this.byField.size());
		this.byField.forEach((field, reason) -> list.add(new Violation(field, reason)));
		list.sort(order);
		return List.copyOf(list);
	}

}
