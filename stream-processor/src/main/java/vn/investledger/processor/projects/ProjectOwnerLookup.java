package vn.investledger.processor.projects;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import vn.investledger.events.ProjectState;
import vn.investledger.processor.intake.Intake;
import vn.investledger.processor.system.StoreRouting;

/**
 * Finds a project's owner in the ledger's project-state store, wherever it lives: from
 * the task that holds its partition, on this instance or on the peer that holds it
 * ({@link StoreRouting}), whose local-only endpoint is asked, so a request is forwarded
 * at most once.
 */
@Component
class ProjectOwnerLookup {

	static final String LOCAL_PATH = "/internal/projects/owner";

	private final StoreRouting routing;

	// a peer that does not answer within seconds is "not ready": the callers of this
	// endpoint (the gateway) wait a fraction of a second, and then go on without it
	private final RestClient http = StoreRouting.peerClient(Duration.ofSeconds(5));

	ProjectOwnerLookup(StoreRouting routing) {
		this.routing = routing;
	}

	/**
	 * The owner of a project, from whichever instance holds it.
	 * @param projectCode the project code
	 * @return its owner, or {@code null} if the ledger applied no event of it
	 * @throws ProjectsNotReadyException if the project's state cannot be read now
	 */
	ProjectOwner find(String projectCode) {
		StoreRouting.Holder holder;
		try {
			holder = this.routing.holder(Intake.PROJECT_STATE_STORE, projectCode);
		}
		catch (InvalidStateStoreException ex) {
			throw new ProjectsNotReadyException(ex.getMessage(), ex);
		}
		if (holder instanceof StoreRouting.Here here) {
			return read(projectCode, here);
		}
		return forward(((StoreRouting.Peer) holder).host(), projectCode);
	}

	/**
	 * The owner of a project held by this instance. Never forwards
	 * ({@link StoreRouting#local}).
	 * @param projectCode the project code
	 * @return its owner, or {@code null} if the ledger applied no event of it
	 * @throws ProjectsNotReadyException if this instance does not hold the project now
	 */
	ProjectOwner findLocal(String projectCode) {
		StoreRouting.Here here;
		try {
			here = this.routing.local(Intake.PROJECT_STATE_STORE, projectCode);
		}
		catch (InvalidStateStoreException ex) {
			throw new ProjectsNotReadyException(ex.getMessage(), ex);
		}
		return read(projectCode, here);
	}

	private ProjectOwner read(String projectCode, StoreRouting.Here here) {
		Object stored;
		try {
			stored = this.routing.read(Intake.PROJECT_STATE_STORE, projectCode, here);
		}
		catch (InvalidStateStoreException ex) {
			throw new ProjectsNotReadyException("The project states are being restored or rebalanced", ex);
		}
		if (stored == null) {
			return null;
		}
		ProjectState state = Intake.stateOf(stored);
		return new ProjectOwner(projectCode, state.ownerUnit(), state.revision());
	}

	private ProjectOwner forward(HostInfo holder, String projectCode) {
		URI uri = URI.create("http://" + holder.host() + ":" + holder.port() + LOCAL_PATH + "?code="
				+ URLEncoder.encode(projectCode, StandardCharsets.UTF_8));
		try {
			return StoreRouting.peerAnswer(this.http.get().uri(uri).retrieve().toEntity(ProjectOwner.class));
		}
		catch (RestClientResponseException ex) {
			// the holder's own answer: no such project; any other 404 is no answer
			if (StoreRouting.isAbsent(ex)) {
				return null;
			}
			throw new ProjectsNotReadyException(
					"The instance holding the project (" + holder + ") answered " + ex.getStatusCode().value(), ex);
		}
		catch (RestClientException | IllegalStateException ex) {
			// gone, or something else answers at its address
			throw new ProjectsNotReadyException(
					"The instance holding the project (" + holder + ") did not answer (" + ex.getMessage() + ")", ex);
		}
	}

}
