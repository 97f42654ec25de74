package vn.investledger.indexer.search;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Periods;
import vn.investledger.events.Total;
import vn.investledger.indexer.documents.Indices;
import vn.investledger.indexer.documents.ProjectDocument;
import vn.investledger.indexer.documents.TotalDocument;
import vn.investledger.indexer.system.IndexerProperties;

/**
 * Officials' search over the indexed projects and figures. Every answer says the time of
 * the newest event it reflects.
 */
@RestController
@RequestMapping("/api/search")
@Validated
class SearchController {

	private static final Pattern PROVINCE_CODE = Pattern.compile("\\d{2}");

	private final ElasticsearchClient client;

	private final Indices indices;

	SearchController(ElasticsearchClient client, IndexerProperties properties) {
		this.client = client;
		this.indices = properties.indices();
	}

	/**
	 * Finds projects by words of their name or investors, optionally in one province.
	 * @param q words to find; all projects when absent
	 * @param province a province code as licensed
	 * @param size how many projects to return
	 * @return the matching projects, best first
	 */
	@GetMapping("/projects")
	ProjectResults projects(@RequestParam(required = false) String q, @RequestParam(required = false) String province,
			@RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) throws IOException {
		if (province != null) {
			requireProvinceCode(province);
		}
		Query text = (q == null || q.isBlank()) ? Query.of((query) -> query.matchAll((all) -> all))
				: Query.of((query) -> query.multiMatch(
						(match) -> match.query(q).fields("projectName", "investorNames", "projectCode", "zoneCode")));
		Query filtered = Query.of((query) -> query.bool((bool) -> {
			bool.must(text);
			if (province != null) {
				bool.filter((filter) -> filter.term((term) -> term.field("provinceCode").value(province)));
			}
			return bool;
		}));
		SearchResponse<ProjectDocument> response = this.client.search((search) -> search.index(this.indices.projects())
			.query(filtered)
			.size(size)
			.trackTotalHits((t) -> t.enabled(true)), ProjectDocument.class);
		List<ProjectDocument> projects = response.hits()
			.hits()
			.stream()
			.map(Hit::source)
			.filter(Objects::nonNull)
			.toList();
		Instant asOf = projects.stream()
			.map(ProjectDocument::newestEventAt)
			.filter(Objects::nonNull)
			.max(Comparator.naturalOrder())
			.orElse(null);
		long total = (response.hits().total() != null) ? response.hits().total().value() : projects.size();
		return new ProjectResults(total, projects, asOf);
	}

	/**
	 * The indexed figure of one province, all time.
	 * @param provinceCode the province as licensed
	 * @param type FDI or DDI
	 * @return the figure
	 */
	@GetMapping("/totals/provinces/{provinceCode}")
	TotalDocument provinceTotal(@PathVariable String provinceCode,
			@RequestParam(defaultValue = "FDI") InvestmentType type) throws IOException {
		requireProvinceCode(provinceCode);
		String key = Total.keyOf("province", java.util.Map.of("province", provinceCode), Periods.ALL, type);
		GetResponse<TotalDocument> response = this.client.get((get) -> get.index(this.indices.totals()).id(key),
				TotalDocument.class);
		if (!response.found()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No " + type + " figure indexed for province " + provinceCode + " yet");
		}
		return response.source();
	}

	private static void requireProvinceCode(String code) {
		if (!PROVINCE_CODE.matcher(code).matches()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"A province code is two digits, was \"" + code + "\"");
		}
	}

	/**
	 * A page of projects.
	 *
	 * @param total how many projects match
	 * @param projects the projects on this page
	 * @param asOf the emission time of the newest event among them
	 */
	record ProjectResults(long total, List<ProjectDocument> projects, Instant asOf) {

	}

}
