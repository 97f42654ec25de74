package vn.investledger.console.release;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.YearMonth;

import io.swagger.v3.oas.annotations.Operation;

import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.investledger.access.KnownParameters;
import vn.investledger.console.system.TypeParameter;
import vn.investledger.events.InvestmentType;

/**
 * An admin publishes a release: the release as known now (less 1 s) is recorded, with its
 * instant and hash, on the releases topic. Like every change, it needs the CSRF token
 * unless a script sends it with its own credentials.
 */
@RestController
@RequestMapping("/api/admin/releases")
class PublicationController {

	private final Vintages vintages;

	private final Releases releases;

	private final Clock clock;

	PublicationController(Vintages vintages, Releases releases, Clock clock) {
		this.vintages = vintages;
		this.releases = releases;
		this.clock = clock;
	}

	/**
	 * Publishes a release as known now, less 1 s ({@link Vintages#publishedAt}).
	 * @return 201 with the publication; its location is the release as first published
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@PostMapping("/{month}/publications")
	@Operation(summary = "Publish the release of a closed report month as known now, less 1 s (admin)")
	ResponseEntity<Publication> publish(@PathVariable String month,
			@RequestParam(required = false) @Pattern(regexp = TypeParameter.GRAMMAR,
					message = TypeParameter.MESSAGE) String type,
			@RequestParam(
					required = false) @KnownParameters.WorkedOutDefault("" + Release.Sizes.COUNTRIES) Integer countries,
			@RequestParam(
					required = false) @KnownParameters.WorkedOutDefault("" + Release.Sizes.PROVINCES) Integer provinces,
			@RequestParam(
					required = false) @KnownParameters.WorkedOutDefault("" + Release.Sizes.SECTORS) Integer sectors,
			Principal user) throws IOException {
		YearMonth release = ReleaseRequest.closedMonth(month, this.releases.calendar(), this.clock);
		Vintages.Published published = this.vintages.publish(release, TypeParameter.of(type),
				ReleaseRequest.sizes(countries, provinces, sectors), user.getName());
		return ResponseEntity.created(URI.create("/api/releases/" + release + "?type=" + TypeParameter.of(type)
				+ "&vintage=" + ReleaseController.FIRST_PUBLISHED))
			.body(published.publication().listed());
	}

}
