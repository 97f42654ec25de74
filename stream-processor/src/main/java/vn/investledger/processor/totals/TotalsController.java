package vn.investledger.processor.totals;

import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.http.HttpStatus;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.Total;

/**
 * Exact running totals, read from the processor's own state the moment they change.
 */
@RestController
@RequestMapping("/api/totals")
class TotalsController {

	private static final Pattern PROVINCE_CODE = Pattern.compile("\\d{2}");

	private final KafkaStreamsInteractiveQueryService queries;

	TotalsController(KafkaStreamsInteractiveQueryService queries) {
		this.queries = queries;
	}

	/**
	 * Registered capital of new projects licensed by one province, all time.
	 * @param provinceCode the province as licensed
	 * @param type FDI (USD) or DDI (VND)
	 * @return the figure, zero with no {@code newestEventAt} if the province has none yet
	 */
	@GetMapping("/provinces/{provinceCode}")
	Total byProvince(@PathVariable String provinceCode, @RequestParam(defaultValue = "FDI") InvestmentType type) {
		if (!PROVINCE_CODE.matcher(provinceCode).matches()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"A province code is two digits, was \"" + provinceCode + "\"");
		}
		ReadOnlyKeyValueStore<String, Total> store = this.queries
			.retrieveQueryableStore(TotalsTopology.BY_PROVINCE_STORE, QueryableStoreTypes.keyValueStore());
		Total total = store.get(TotalsTopology.provinceKey(provinceCode, type));
		return (total != null) ? total
				: new Total(TotalsTopology.PROVINCE_CUBOID, Map.of(TotalsTopology.PROVINCE_CUBOID, provinceCode),
						TotalsTopology.ALL_TIME, type, Money.zero(type.currency()), 0, null);
	}

}
