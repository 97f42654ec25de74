package vn.investledger.console.release.zone;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.YearMonth;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.investledger.console.release.Publication;

/**
 * An admin publishes a zone-board release, as the national release is published: the
 * release as known now is recorded, with its instant and hash, on the releases topic.
 */
@RestController
@RequestMapping("/api/admin/releases/{month}/zone-board/publications")
class ZonePublicationController {

	private final ZoneReleases releases;

	ZonePublicationController(ZoneReleases releases) {
		this.releases = releases;
	}

	/**
	 * Publishes a release as known now.
	 * @param month the report month, closed
	 * @param province today's unit whose zones it covers, or
	 * @param zone one zone
	 * @param user the admin
	 * @return 201 with the publication; its location is the release as first published
	 * @throws IOException if Elasticsearch cannot be reached
	 */
	@PostMapping
	@Operation(summary = "Publish the zone-board release of a province (province=31) or a zone (zone=HP-DEEP-C) "
			+ "for a closed report month as known now (admin)")
	ResponseEntity<Publication> publish(@PathVariable String month, @RequestParam(required = false) String province,
			@RequestParam(required = false) String zone, Principal user) throws IOException {
		YearMonth release = ZoneReleaseRequest.month(month);
		ZoneScope scope = this.releases.scope(province, zone);
		this.releases.requireClosed(release);
		ZoneReleases.Published published = this.releases.publish(scope, release, user.getName());
		String parameter = (province != null) ? "province=" + URLEncoder.encode(province, StandardCharsets.UTF_8)
				: "zone=" + URLEncoder.encode(zone, StandardCharsets.UTF_8);
		return ResponseEntity
			.created(URI.create("/api/releases/" + release + "/zone-board?" + parameter + "&vintage=first-published"))
			.body(published.publication().listed());
	}

}
