package vn.investledger.processor.projects;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import vn.investledger.events.Limits;

/**
 * Which unit owns a project, read from the ledger's state the moment it changes, from
 * whichever instance holds the project ({@link ProjectOwnerLookup}). The gateway asks
 * here to refuse another unit's event early; the ledger itself decides either way.
 */
@RestController
@RequestMapping("/api/projects")
class ProjectOwnerController {

	private final ProjectOwnerLookup lookup;

	ProjectOwnerController(ProjectOwnerLookup lookup) {
		this.lookup = lookup;
	}

	/**
	 * A project's owner, its code in the path.
	 * @param code a project code without {@code /}
	 * @return the owner
	 */
	@GetMapping("/{code}/owner")
	ProjectOwner ownerOf(@PathVariable String code) {
		return found(code, this.lookup.find(requireCode(code)));
	}

	/**
	 * A project's owner, its code a query parameter: legacy licence numbers contain
	 * {@code /} ("…/GP"), which a path segment cannot carry.
	 * @param code any project code
	 * @return the owner
	 */
	@GetMapping("/owner")
	ProjectOwner owner(@RequestParam String code) {
		return found(code, this.lookup.find(requireCode(code)));
	}

	private static ProjectOwner found(String code, ProjectOwner owner) {
		if (owner == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"The ledger has applied no event of project \"" + code + "\"");
		}
		return owner;
	}

	/**
	 * A project code as the contract bounds it: not blank, at most
	 * {@link Limits#MAX_PROJECT_CODE_LENGTH} characters.
	 * @param code the code asked for
	 * @return the same code
	 */
	static String requireCode(String code) {
		if (code == null || code.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A project code must not be blank");
		}
		// characters as the contract counts them: code points, so that a code of letters
		// outside the Basic Multilingual Plane is not refused at half its length
		int length = code.codePointCount(0, code.length());
		if (length > Limits.MAX_PROJECT_CODE_LENGTH) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A project code is at most "
					+ Limits.MAX_PROJECT_CODE_LENGTH + " characters, this one is " + length);
		}
		return code;
	}

}
