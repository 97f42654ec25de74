package vn.investledger.processor.projects;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.investledger.processor.system.StoreRouting;

/**
 * The owners of the projects this instance holds itself, for other instances of the
 * processor to route to. Never forwards.
 */
@RestController
class LocalProjectOwnerController {

	private final ProjectOwnerLookup lookup;

	LocalProjectOwnerController(ProjectOwnerLookup lookup) {
		this.lookup = lookup;
	}

	@GetMapping(ProjectOwnerLookup.LOCAL_PATH)
	ResponseEntity<ProjectOwner> local(@RequestParam String code) {
		ProjectOwner owner = this.lookup.findLocal(ProjectOwnerController.requireCode(code));
		return (owner != null) ? ResponseEntity.ok(owner) : StoreRouting.absent();
	}

}
