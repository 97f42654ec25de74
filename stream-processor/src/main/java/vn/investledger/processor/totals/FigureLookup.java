package vn.investledger.processor.totals;

import java.time.Duration;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import vn.investledger.processor.system.StoreRouting;

/**
 * Reads a figure wherever it lives: from the task that holds its key's partition, on this
 * instance or on the peer that holds it ({@link StoreRouting}). A figure whose partition
 * no running task holds now is "not ready" (503), never zero.
 */
@Component
class FigureLookup {

	static final String LOCAL_PATH = "/internal/figures/{store}";

	private final StoreRouting routing;

	// a peer that does not answer within seconds is "not reachable" (503), not a request
	// held open
	private final RestClient http = StoreRouting.peerClient(Duration.ofSeconds(10));

	FigureLookup(StoreRouting routing) {
		this.routing = routing;
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
		StoreRouting.Holder holder = this.routing.holder(store, key);
		if (holder instanceof StoreRouting.Here here) {
			return this.routing.read(store, key, here);
		}
		HostInfo owner = ((StoreRouting.Peer) holder).host();
		try {
			return StoreRouting.peerAnswer(this.http.get()
				.uri("http://{host}:{port}" + LOCAL_PATH + "?key={key}", owner.host(), owner.port(), store, key)
				.retrieve()
				.toEntity(type));
		}
		catch (RestClientResponseException ex) {
			// the holder's own answer: it holds the key's partition, and the key has no
			// value; any other 404 is no answer
			if (StoreRouting.isAbsent(ex)) {
				return null;
			}
			throw new PeerUnavailableException(owner, ex);
		}
		catch (RestClientException | IllegalStateException ex) {
			// the instance that holds it is gone (killed, restarting) until the group
			// gives its tasks to the others, or something else answers at its address
			throw new PeerUnavailableException(owner, ex);
		}
	}

	/**
	 * The value of a key in this instance's own store, from the task holding its
	 * partition. Never forwards ({@link StoreRouting#local}).
	 * @param store the store
	 * @param key the key
	 * @param <V> the value type
	 * @return the value, or {@code null}
	 * @throws InvalidStateStoreException if this instance does not hold the key's
	 * partition in a running task now
	 */
	<V> V local(String store, String key) {
		return this.routing.read(store, key, this.routing.local(store, key));
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
