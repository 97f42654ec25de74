package vn.investledger.processor.system;

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
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Where a key of one of the processor's stores is read. With several instances each holds
 * the stores of its own partitions: a key is read only from the task that holds its
 * partition, active and running, on this instance ({@link Here}) or on the peer Kafka
 * names by its {@code application.server} ({@link Peer}), whose local-only endpoint the
 * caller asks, so that a request is forwarded at most once. While the group rebalances,
 * Kafka names a partition's next holder before that instance has it, and a key read from
 * whatever the instance held then would be missing: such a key is "not ready"
 * ({@link InvalidStateStoreException}), never absent.
 */
@Component
public class StoreRouting {

	/**
	 * The header with which an instance's local-only endpoint says that it holds a key's
	 * partition and the key has no value. A 404 without it (another service at a peer's
	 * advertised address, a path an older version does not know) is no answer, so that a
	 * missing figure is never read as a zero.
	 */
	public static final String ABSENT_HEADER = "X-Investledger-Key-Absent";

	private final StreamsBuilderFactoryBean streams;

	public StoreRouting(StreamsBuilderFactoryBean streams) {
		this.streams = streams;
	}

	/**
	 * The local-only endpoint's answer for a key it holds without a value.
	 * @param <T> the body's type
	 * @return a 404 with {@link #ABSENT_HEADER}
	 */
	public static <T> ResponseEntity<T> absent() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).header(ABSENT_HEADER, "true").build();
	}

	/**
	 * A peer's answer, if it is one: a 200 with a body. Whatever else listens at a peer's
	 * address (a sign-in page's redirect, an empty 200 or 204 of another service after a
	 * redeploy) gave no figure and no owner, and must not read as a zero or as none.
	 * @param answer what came back
	 * @param <V> the value type
	 * @return the body
	 * @throws IllegalStateException if it is not a 200 with a body
	 */
	public static <V> V peerAnswer(ResponseEntity<V> answer) {
		if (answer.getStatusCode().value() != HttpStatus.OK.value() || answer.getBody() == null) {
			throw new IllegalStateException("it answered " + answer.getStatusCode().value()
					+ ((answer.getBody() == null) ? " without a body" : "") + ", not as an instance of the processor");
		}
		return answer.getBody();
	}

	/**
	 * Whether a peer's error answer says that it holds the key and the key has no value
	 * ({@link #absent}).
	 * @param ex the peer's answer
	 * @return whether the key is absent
	 */
	public static boolean isAbsent(RestClientResponseException ex) {
		return ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value() && ex.getResponseHeaders() != null
				&& "true".equals(ex.getResponseHeaders().getFirst(ABSENT_HEADER));
	}

	/**
	 * Who holds a key now.
	 * @param store the store
	 * @param key the key
	 * @return this instance, with the key's partition ({@code null} when the instance
	 * advertises no {@code application.server}: it is then the only one, and any of its
	 * tasks is read), or the peer that holds it
	 * @throws InvalidStateStoreException if the streams are not running, or no instance
	 * holds the key's partition yet
	 */
	public Holder holder(String store, String key) {
		KafkaStreams kafkaStreams = running();
		HostInfo self = self();
		if (self == null) {
			return new Here(null);
		}
		KeyQueryMetadata metadata = metadata(kafkaStreams, store, key);
		return metadata.activeHost().equals(self) ? new Here(metadata.partition()) : new Peer(metadata.activeHost());
	}

	/**
	 * The partition of a key that a peer asks this instance for, as its holder. Never
	 * forwards: a peer asks because it saw this instance as the holder, and if that
	 * changed meanwhile the read of that partition fails as "not ready", to be asked
	 * again.
	 * @param store the store
	 * @param key the key
	 * @return the partition, {@code null} when the instance advertises no
	 * {@code application.server}
	 * @throws InvalidStateStoreException if the streams are not running or rebalancing
	 */
	public Here local(String store, String key) {
		KafkaStreams kafkaStreams = running();
		return new Here((self() != null) ? metadata(kafkaStreams, store, key).partition() : null);
	}

	/**
	 * The value of a key in this instance's store.
	 * @param store the store
	 * @param key the key
	 * @param here the task to read, from {@link #holder} or {@link #local}
	 * @param <V> the value type
	 * @return the value, or {@code null}
	 * @throws InvalidStateStoreException if no running active task of this instance holds
	 * that partition
	 */
	public <V> V read(String store, String key, Here here) {
		ReadOnlyKeyValueStore<String, V> values = running()
			.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore())
				.withPartition(here.partition()));
		return values.get(key);
	}

	/**
	 * A client for peers' local-only endpoints: a peer that does not connect within 2 s,
	 * or answer within the read timeout, is unavailable rather than a request held open.
	 * @param readTimeout how long a peer may take to answer
	 * @return the client
	 */
	public static RestClient peerClient(Duration readTimeout) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build());
		requests.setReadTimeout(readTimeout);
		return RestClient.builder().requestFactory(requests).build();
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
			throw new InvalidStateStoreException("No instance holds the key's partition yet (rebalancing)");
		}
		return metadata;
	}

	/**
	 * Who holds a key.
	 */
	public sealed interface Holder permits Here, Peer {

	}

	/**
	 * This instance holds the key.
	 *
	 * @param partition the key's partition, {@code null} for any task of this instance
	 */
	public record Here(Integer partition) implements Holder {

	}

	/**
	 * Another instance holds the key.
	 *
	 * @param host its {@code application.server}
	 */
	public record Peer(HostInfo host) implements Holder {

	}

}
