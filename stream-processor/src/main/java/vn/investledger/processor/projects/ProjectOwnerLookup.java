package vn.investledger.processor.projects;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import vn.investledger.events.ProjectState;
import vn.investledger.processor.intake.Intake;

/**
 * Finds a project's owner in the ledger's project-state store, wherever it lives. With
 * several processor instances each holds the projects of its own partitions: a project
 * held by another instance (by its {@code application.server}) is read from that
 * instance's local-only endpoint, so a request is forwarded at most once.
 */
@Component
class ProjectOwnerLookup {

	static final String LOCAL_PATH = "/internal/projects/owner";

	private final StreamsBuilderFactoryBean streams;

	private final RestClient http;

	ProjectOwnerLookup(StreamsBuilderFactoryBean streams) {
		this.streams = streams;
		// a peer that does not answer within seconds is "not ready": the callers of this
		// endpoint (the gateway) wait a fraction of a second, and then go on without it
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build());
		requests.setReadTimeout(Duration.ofSeconds(5));
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	/**
	 * The owner of a project, from whichever instance holds it.
	 * @param projectCode the project code
	 * @return its owner, or {@code null} if the ledger applied no event of it
	 * @throws ProjectsNotReadyException if the project's state cannot be read now
	 */
	ProjectOwner find(String projectCode) {
		KafkaStreams kafkaStreams = running();
		HostInfo self = self();
		if (self == null) {
			return read(kafkaStreams, projectCode, null);
		}
		KeyQueryMetadata metadata = metadata(kafkaStreams, projectCode);
		if (metadata.activeHost().equals(self)) {
			return read(kafkaStreams, projectCode, metadata.partition());
		}
		return forward(metadata.activeHost(), projectCode);
	}

	/**
	 * The owner of a project held by this instance. Never forwards: a peer asks because
	 * it saw this instance as the holder, and if that changed meanwhile the answer is
	 * "not ready", to be asked again.
	 * @param projectCode the project code
	 * @return its owner, or {@code null} if the ledger applied no event of it
	 * @throws ProjectsNotReadyException if this instance does not hold the project now
	 */
	ProjectOwner findLocal(String projectCode) {
		KafkaStreams kafkaStreams = running();
		Integer partition = (self() != null) ? metadata(kafkaStreams, projectCode).partition() : null;
		return read(kafkaStreams, projectCode, partition);
	}

	private KafkaStreams running() {
		KafkaStreams kafkaStreams = this.streams.getKafkaStreams();
		if (kafkaStreams == null || !kafkaStreams.state().isRunningOrRebalancing()) {
			throw new ProjectsNotReadyException("The processor's streams are not running");
		}
		return kafkaStreams;
	}

	private HostInfo self() {
		String server = (this.streams.getStreamsConfiguration() != null)
				? this.streams.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG) : null;
		return (server != null && !server.isBlank()) ? HostInfo.buildFromEndpoint(server) : null;
	}

	private static KeyQueryMetadata metadata(KafkaStreams kafkaStreams, String projectCode) {
		KeyQueryMetadata metadata;
		try {
			metadata = kafkaStreams.queryMetadataForKey(Intake.PROJECT_STATE_STORE, projectCode,
					new StringSerializer());
		}
		catch (StreamsNotStartedException | IllegalStateException ex) {
			throw new ProjectsNotReadyException("The processor's streams are starting", ex);
		}
		if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost().port() < 0) {
			throw new ProjectsNotReadyException("No instance holds the project's partition yet (rebalancing)");
		}
		return metadata;
	}

	private static ProjectOwner read(KafkaStreams kafkaStreams, String projectCode, Integer partition) {
		Object stored;
		try {
			ReadOnlyKeyValueStore<String, Object> store = kafkaStreams.store(StoreQueryParameters
				.fromNameAndType(Intake.PROJECT_STATE_STORE, QueryableStoreTypes.<String, Object>keyValueStore())
				.withPartition(partition));
			stored = store.get(projectCode);
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
			return this.http.get().uri(uri).retrieve().body(ProjectOwner.class);
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
				return null;
			}
			throw new ProjectsNotReadyException(
					"The instance holding the project (" + holder + ") answered " + ex.getStatusCode().value(), ex);
		}
		catch (ResourceAccessException ex) {
			throw new ProjectsNotReadyException("The instance holding the project (" + holder + ") did not answer", ex);
		}
	}

}
