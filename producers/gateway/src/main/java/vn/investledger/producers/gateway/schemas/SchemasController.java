package vn.investledger.producers.gateway.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import vn.investledger.events.EventValidator;

/**
 * The event contract's JSON Schemas (draft 2020-12), as shipped in the events module: the
 * files every event is validated against.
 */
@RestController
@RequestMapping("/api/v1/schemas")
class SchemasController {

	static final List<String> SCHEMAS = EventValidator.schemaNames();

	private static final Pattern NAME = Pattern.compile("([a-z-]+)\\.schema\\.json");

	private static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

	@GetMapping
	List<String> list() {
		return SCHEMAS.stream().map((name) -> "/api/v1/schemas/" + name + ".schema.json").toList();
	}

	@GetMapping("/{file}")
	ResponseEntity<byte[]> schema(@PathVariable String file) throws IOException {
		var matcher = NAME.matcher(file);
		if (!matcher.matches() || !SCHEMAS.contains(matcher.group(1))) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No schema " + file + "; see /api/v1/schemas");
		}
		try (InputStream in = new ClassPathResource("schemas/" + file).getInputStream()) {
			return ResponseEntity.ok().contentType(SCHEMA_JSON).body(in.readAllBytes());
		}
	}

}
