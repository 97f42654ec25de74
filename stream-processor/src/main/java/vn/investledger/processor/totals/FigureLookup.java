package vn.investledger.processor.totals;

import java.net.http.HttpClient;
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

/**
 * Reads a figure wherever it lives. With several processor instances each holds the
 * figures of its own partitions: a key owned by another instance (by its
 * {@code application.server}) is fetched from that instance's local-only endpoint, so a
 * request is forwarded at most once.
 * <p>
 * A figure is read only from the task that holds its key's partition, active and running:
 * while the group rebalances, Kafka names a partition's next holder before that instance
 * has it, and a figure read from whatever the instance held then would be missing,
 * answered as zero. Such a figure is "not ready" (503), never zero.
 */
@Component
class FigureLookup {

	static final String LOCAL_PATH = "/internal/figures/{store}";

	private final StreamsBuilderFactoryBean streams;

	private final RestClient http;

	FigureLookup(StreamsBuilderFactoryBean streams) {
		this.streams = streams;
		// a peer that does not answer within seconds is "not reachable" (503), not a
		// request held open
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build());
		requests.setReadTimeout(Duration.ofSeconds(10));
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	/**
	 * The value of a key in a store of this processor application, from whichever
	 * instance owns it.
	 * @param store the store
	 * @param key the key
	 * @param type the value type
	 * @param <V> the value type
	 * @return the value, or {@code null} if the key has none
	 * @throws InvalidStateStoreException if the key's partition is held by no running
	 * task now (starting, restoring, rebalancing)
	 * @throws PeerUnavailableException if the instance that holds it does not answer
	 */
	<V> V get(String store, String key, Class<V> type) {
		KafkaStreams kafkaStreams = running();
		HostInfo self = self();
		if (self == null) {
			return read(kafkaStreams, store, key, null);
		}
		KeyQueryMetadata metadata = metadata(kafkaStreams, store, key);
		if (metadata.activeHost().equals(self)) {
			return read(kafkaStreams, store, key, metadata.partition());
		}
		HostInfo owner = metadata.activeHost();
		try {
			return this.http.get()
				.uri("http://{host}:{port}" + LOCAL_PATH + "?key={key}", owner.host(), owner.port(), store, key)
				.retrieve()
				.body(type);
		}
		catch (RestClientResponseException ex) {
			// the holder's own answer: it holds the key's partition, and the key has no
			// value
			if (ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
				return null;
			}
			throw new PeerUnavailableException(owner, ex);
		}
		catch (ResourceAccessException ex) {
			// the instance that holds it is gone (killed, restarting) until the group
			// gives its tasks to the others
			throw new PeerUnavailableException(owner, ex);
		}
	}

	/**
	 * The value of a key in this instance's own store, from the task holding its
	 * partition. Never forwards: a peer asks because it saw this instance as the holder,
	 * and if that changed meanwhile the answer is "not ready", to be asked again.
	 * @param store the store
	 * @param key the key
	 * @param <V> the value type
	 * @return the value, or {@code null}
	 * @throws InvalidStateStoreException if this instance does not hold the key's
	 * partition in a running task now
	 */
	<V> V local(String store, String key) {
		KafkaStreams kafkaStreams = running();
		Integer partition = (self() != null) ? metadata(kafkaStreams, store, key).partition() : null;
		return read(kafkaStreams, store, key, partition);
	}

	private KafkaStreams running() {
		KafkaStreams kafkaStreams = this.streams.getKafkaStreams();
		if (kafkaStreams == null || !kafkaStreams.state().isRunningOrRebalancing()) {
			throw new InvalidStateStoreException("The processor's streams are not running");
		}
		return kafkaStreams;
	}

	private HostInfo self() {
		String server = (this.streams.getStreamsConfiguration() != null)
				? this.streams.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG) : null;
		return (server != null && !server.isBlank()) ? HostInfo.buildFromEndpoint(server) : null;
	}

	private static KeyQueryMetadata metadata(KafkaStreams kafkaStreams, String store, String key) {
		KeyQueryMetadata metadata;
		try {
			metadata = kafkaStreams.queryMetadataForKey(store, key, new StringSerializer());
		}
		catch (StreamsNotStartedException | IllegalStateException ex) {
			throw new InvalidStateStoreException("The processor's streams are starting");
		}
		if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost().port() < 0) {
			throw new InvalidStateStoreException("No instance holds the figure's partition yet (rebalancing)");
		}
		return metadata;
	}

	private static <V> V read(KafkaStreams kafkaStreams, String store, String key, Integer partition) {
		ReadOnlyKeyValueStore<String, V> values = kafkaStreams
			.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore())
				.withPartition(partition));
		return values.get(key);
	}

	/**
	 * The instance that holds a figure does not answer.
	 */
	static final class PeerUnavailableException extends RuntimeException {

		PeerUnavailableException(HostInfo owner, Exception cause) {
			super("The instance at " + owner.host() + ":" + owner.port() + " that holds this figure does not answer ("
					+ cause.getMessage() + ")", cause);
		}

	}

}
