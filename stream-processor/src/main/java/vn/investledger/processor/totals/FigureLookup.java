package vn.investledger.processor.totals;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.http.HttpStatus;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Reads a figure wherever it lives. With several processor instances each holds the
 * figures of its own partitions: a key owned by another instance (by its
 * {@code application.server}) is fetched from that instance's local-only endpoint, so a
 * request is forwarded at most once.
 */
@Component
class FigureLookup {

	static final String LOCAL_PATH = "/internal/figures/{store}";

	private final KafkaStreamsInteractiveQueryService queries;

	private final RestClient http = RestClient.create();

	FigureLookup(KafkaStreamsInteractiveQueryService queries) {
		this.queries = queries;
	}

	/**
	 * The value of a key in a store of this processor application, from whichever
	 * instance owns it.
	 * @param store the store
	 * @param key the key
	 * @param type the value type
	 * @param <V> the value type
	 * @return the value, or {@code null} if the key has none
	 */
	<V> V get(String store, String key, Class<V> type) {
		HostInfo self = this.queries.getCurrentKafkaStreamsApplicationHostInfo();
		HostInfo owner = (self != null)
				? this.queries.getKafkaStreamsApplicationHostInfo(store, key, new StringSerializer()) : null;
		if (owner == null || owner.port() < 0 || owner.equals(self)) {
			return local(store, key);
		}
		try {
			return this.http.get()
				.uri("http://{host}:{port}" + LOCAL_PATH + "?key={key}", owner.host(), owner.port(), store, key)
				.retrieve()
				.body(type);
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
				return null;
			}
			if (ex.getStatusCode().is5xxServerError()) {
				throw new PeerUnavailableException(owner, ex);
			}
			throw ex;
		}
		catch (ResourceAccessException ex) {
			// the instance that holds it is gone (killed, restarting) until the group
			// gives its tasks to the others
			throw new PeerUnavailableException(owner, ex);
		}
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

	/**
	 * The value of a key in this instance's own store.
	 * @param store the store
	 * @param key the key
	 * @param <V> the value type
	 * @return the value, or {@code null}
	 */
	<V> V local(String store, String key) {
		ReadOnlyKeyValueStore<String, V> values = this.queries.retrieveQueryableStore(store,
				QueryableStoreTypes.keyValueStore());
		return values.get(key);
	}

}
