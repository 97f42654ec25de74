package vn.investledger.processor.totals;

import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import vn.investledger.processor.system.StoreRouting;

/**
 * What this instance holds itself, for other instances of the processor to route to.
 * Never forwards.
 */
@RestController
class LocalFiguresController {

	private static final Set<String> STORES = stores();

	private final FigureLookup lookup;

	LocalFiguresController(FigureLookup lookup) {
		this.lookup = lookup;
	}

	@GetMapping(FigureLookup.LOCAL_PATH)
	ResponseEntity<Object> local(@PathVariable String store, @RequestParam String key) {
		if (!STORES.contains(store)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No store " + store);
		}
		Object value = this.lookup.local(store, key);
		return (value != null) ? ResponseEntity.ok(value) : StoreRouting.absent();
	}

	private static Set<String> stores() {
		return Set.of(TotalsTopology.TOTALS_STORE, StockFigures.STOCK_STORE);
	}

}
