package vn.investledger.console.search;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

import vn.investledger.console.system.ConsoleProperties;
import vn.investledger.events.EventValidator;
import vn.investledger.events.Money;
import vn.investledger.index.HistoryDocument;
import vn.investledger.index.Indices;
import vn.investledger.index.ProjectDocument;

/**
 * One project by its code, and its history: the events the ledger applied to it, in
 * revision order.
 */
@Service
class ProjectLookup {

	private static final int MAX_HISTORY = 10_000;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ElasticsearchClient client;

	private final Indices indices;

	ProjectLookup(ElasticsearchClient client, ConsoleProperties properties) {
		this.client = client;
		this.indices = properties.indices();
	}

	/**
	 * A project.
	 * @param projectCode its code
	 * @return the project, or empty if none is indexed
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	Optional<ProjectDocument> project(String projectCode) throws IOException {
		Optional<ProjectDocument> found = indexed(projectCode);
		String keyed = keyed(projectCode);
		return (found.isEmpty() && keyed != null) ? indexed(keyed) : found;
	}

	private Optional<ProjectDocument> indexed(String projectCode) throws IOException {
		GetResponse<ProjectDocument> response = this.client
			.get((get) -> get.index(this.indices.projects()).id(projectCode), ProjectDocument.class);
		return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
	}

	/**
	 * A code typed decomposed (as macOS and some Vietnamese keyboards write accented
	 * letters) or full-width (as Asian input methods write digits and letters) as the
	 * ledger takes it, composed and in plain widths: looked up when the code as typed
	 * finds nothing (a project an earlier version applied under such a code is still
	 * found as typed).
	 * @return the code as the ledger keys it, or {@code null} if it is typed so already
	 */
	private static String keyed(String projectCode) {
		String keyed = EventValidator.plainProjectCode(projectCode);
		return keyed.equals(projectCode) ? null : keyed;
	}

	/**
	 * A project's events in revision order, as the ledger applied them: the audit trail
	 * behind its figures. An event refused by the ledger is not in it (the sending unit
	 * sees it among its rejections).
	 * @param projectCode the project code
	 * @return the history, or empty if no such project is indexed
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	Optional<ProjectHistory> history(String projectCode) throws IOException {
		Optional<ProjectHistory> found = historyAsTyped(projectCode);
		String keyed = keyed(projectCode);
		return (found.isEmpty() && keyed != null) ? historyAsTyped(keyed) : found;
	}

	private Optional<ProjectHistory> historyAsTyped(String projectCode) throws IOException {
		SearchResponse<HistoryDocument> response = this.client.search((search) -> search.index(this.indices.history())
			.query((query) -> query.term((term) -> term.field("projectCode").value(projectCode)))
			.sort((sort) -> sort.field((field) -> field.field("revision").order(SortOrder.Asc)))
			.size(MAX_HISTORY), HistoryDocument.class);
		List<HistoryEntry> events = response.hits()
			.hits()
			.stream()
			.map(Hit::source)
			.filter(Objects::nonNull)
			.map((event) -> new HistoryEntry(event.eventId(), event.revision(), event.kind(), event.effectiveDate(),
					event.emittedAt(), event.receivedAt(), event.amount(), event.afterGap(), event.unit(),
					json.readTree(event.eventJson())))
			.toList();
		if (events.isEmpty()
				&& !this.client.exists((exists) -> exists.index(this.indices.projects()).id(projectCode)).value()) {
			return Optional.empty();
		}
		Instant asOf = events.stream().map(HistoryEntry::emittedAt).max(Instant::compareTo).orElse(null);
		return Optional.of(new ProjectHistory(projectCode, events, asOf));
	}

	/**
	 * A project's history.
	 *
	 * @param projectCode the project code
	 * @param events its events in revision order
	 * @param asOf the emission time of the newest of them
	 */
	record ProjectHistory(String projectCode, List<HistoryEntry> events, Instant asOf) {

	}

	/**
	 * One event of a history.
	 *
	 * @param eventId the event id
	 * @param revision its revision
	 * @param kind its kind
	 * @param effectiveDate when it takes effect
	 * @param emittedAt when it was emitted
	 * @param receivedAt when the ledger received it
	 * @param amount the capital it carries, or {@code null}
	 * @param afterGap whether it was applied with an earlier revision missing
	 * @param unit the unit whose topic published it
	 * @param event the event as published
	 */
	record HistoryEntry(String eventId, long revision, String kind, LocalDate effectiveDate, Instant emittedAt,
			Instant receivedAt, Money amount, boolean afterGap, String unit, JsonNode event) {

	}

}
