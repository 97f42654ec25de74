package vn.investledger.console.dashboard;

import java.io.IOException;
import java.util.List;

import jakarta.validation.constraints.Pattern;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import vn.investledger.console.system.TypeParameter;
import vn.investledger.events.InvestmentType;

/**
 * What the officials' console needs besides the search API: the stream of figure changes,
 * who is signed in, how fresh the indexed figures are, which years have figures and what
 * the ledger refused.
 */
@RestController
@RequestMapping("/api/console")
class ConsoleController {

	private final LiveFigures live;

	private final IndexFreshness freshness;

	private final RefusalCounts refusals;

	private final FigureYears years;

	ConsoleController(LiveFigures live, IndexFreshness freshness, RefusalCounts refusals, FigureYears years) {
		this.live = live;
		this.freshness = freshness;
		this.refusals = refusals;
		this.years = years;
	}

	/**
	 * Every flow figure as soon as a search finds it, as server-sent events named
	 * {@code figures} (a JSON array of figures).
	 * @return the event stream
	 */
	@GetMapping(path = "/figures", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter figures(Authentication user) {
		return this.live.subscribe(user.getName());
	}

	/**
	 * Who is signed in, for the console's header.
	 * @param user the signed-in user
	 * @return the name and roles
	 */
	@GetMapping("/me")
	SignedIn me(Authentication user) {
		return new SignedIn(user.getName(),
				user.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.filter((authority) -> authority.startsWith("ROLE_"))
					.map((authority) -> authority.substring("ROLE_".length()))
					.sorted()
					.toList());
	}

	/**
	 * How fresh the indexed figures are: the emission time of the newest event they
	 * reflect, and each indexer's records not yet indexed.
	 * @return the freshness
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/freshness")
	IndexFreshness.Freshness freshness() throws IOException {
		return this.freshness.now();
	}

	/**
	 * The years that have figures, for the charts' year selectors.
	 * @param type FDI or DDI
	 * @return the years, newest first
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/years")
	FigureYears.Years years(@RequestParam(required = false) @Pattern(regexp = TypeParameter.GRAMMAR,
			message = TypeParameter.MESSAGE) String type) throws IOException {
		return this.years.of(TypeParameter.of(type));
	}

	/**
	 * The records the ledger refused, per unit and reason.
	 * @return the counts
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@GetMapping("/rejections")
	RefusalCounts.Refusals rejections() throws IOException {
		return this.refusals.counts();
	}

	/**
	 * The signed-in user.
	 *
	 * @param name the sign-in name
	 * @param roles e.g. {@code OFFICIAL}
	 */
	record SignedIn(String name, List<String> roles) {

	}

}
