package vn.investledger.producers.gateway.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import vn.investledger.producers.gateway.system.GatewayProperties;

/**
 * The request bodies the gateway holds at once, in bytes: at most
 * {@code max-bodies-in-flight} in all and {@code max-bodies-in-flight-per-unit} of one
 * unit's requests. A request is answered 503 before its body is read when it would pass
 * either, so that many large batches at once cannot exhaust the heap, and no unit can
 * take the room the others publish in. A body holds room as it is read, not the length it
 * states nor the most it may reach: a slow upload holds what it sent (and a step more),
 * so that a few units stating 8 MB and sending a byte a minute cannot hold the gateway's
 * room from every other unit.
 * <p>
 * A unit's requests whose bodies are still arriving are also bounded in number,
 * {@code max-requests-in-flight-per-unit} at once: each holds a connection and a request
 * thread while its body arrives (a virtual thread on Java 24 or newer, one of Tomcat's
 * pool before: {@code RequestThreads}), and a unit sending bodies a byte a minute (or
 * stating a length and sending nothing) would otherwise hold as many as it opens.
 */
@Component
class InFlightBodies {

	private final Semaphore all;

	private final int capacity;

	private final int perUnit;

	private final int requestsPerUnit;

	private final Map<String, Semaphore> units = new ConcurrentHashMap<>();

	private final Map<String, Semaphore> requests = new ConcurrentHashMap<>();

	@Autowired
	InFlightBodies(GatewayProperties properties) {
		this((int) properties.maxBodiesInFlight().toBytes(), (int) properties.maxBodiesInFlightPerUnit().toBytes(),
				properties.maxRequestsInFlightPerUnit());
	}

	InFlightBodies(int all, int perUnit, int requestsPerUnit) {
		this.all = new Semaphore(all);
		this.capacity = all;
		this.perUnit = perUnit;
		this.requestsPerUnit = requestsPerUnit;
	}

	/**
	 * Holds room for a body until the request is answered.
	 * @param unit the unit whose request it is
	 * @param bytes its length, or the most that will be read of it when it is not known
	 * @return the room, to close once the request is handled
	 * @throws GatewayBusyException if there is not that much room now
	 */
	Held hold(String unit, long bytes) {
		Semaphore handled = this.requests.computeIfAbsent(unit, (u) -> new Semaphore(this.requestsPerUnit));
		if (!handled.tryAcquire()) {
			throw new GatewayBusyException("Unit " + unit + " has " + this.requestsPerUnit
					+ " requests being handled, as many as a unit's at once (their bodies still arriving, or being"
					+ " published); send this one again after Retry-After");
		}
		try {
			Semaphore own = this.units.computeIfAbsent(unit, (u) -> new Semaphore(this.perUnit));
			int size = (int) Math.min(bytes, this.perUnit);
			acquire(unit, own, size);
			return new Held(unit, own, handled, size);
		}
		catch (RuntimeException ex) {
			handled.release();
			throw ex;
		}
	}

	/**
	 * Admits a request whose body is about to be read: it takes one of its unit's places
	 * and holds no room yet; its body holds room as it is read ({@link Held#growTo}).
	 * @param unit the unit whose request it is
	 * @param stated the length its body states, 0 if none: a request that states more
	 * than the room left now is refused before its body is read
	 * @return the request's room, to close once it is handled
	 * @throws GatewayBusyException if the unit has as many requests being handled as it
	 * may, or the stated length passes the room left
	 */
	Held admit(String unit, long stated) {
		Held held = hold(unit, 0);
		int size = (int) Math.min(stated, this.perUnit);
		if (held.own.availablePermits() < size) {
			held.close();
			throw unitFull(unit, held.own);
		}
		if (this.all.availablePermits() < size) {
			held.close();
			throw gatewayFull();
		}
		return held;
	}

	/**
	 * How many of a unit's requests are being handled now.
	 * @param unit the unit
	 * @return the count
	 */
	int requestsOf(String unit) {
		Semaphore handled = this.requests.get(unit);
		return (handled != null) ? this.requestsPerUnit - handled.availablePermits() : 0;
	}

	private void acquire(String unit, Semaphore own, int size) {
		if (!own.tryAcquire(size)) {
			throw unitFull(unit, own);
		}
		if (!this.all.tryAcquire(size)) {
			own.release(size);
			throw gatewayFull();
		}
	}

	private GatewayBusyException unitFull(String unit, Semaphore own) {
		return new GatewayBusyException("Unit " + unit + "'s requests being handled hold "
				+ (this.perUnit - own.availablePermits()) + " bytes of bodies, and a unit's hold at most "
				+ this.perUnit + " at once; send this one again after Retry-After");
	}

	private GatewayBusyException gatewayFull() {
		return new GatewayBusyException("The requests being handled hold as many bytes of bodies as the gateway "
				+ "holds at once (" + this.capacity + "); send this one again after Retry-After");
	}

	/**
	 * The room one request's body holds.
	 */
	final class Held implements AutoCloseable {

		private final String unit;

		private final Semaphore own;

		private Semaphore handled;

		private int bytes;

		private Held(String unit, Semaphore own, Semaphore handled, int bytes) {
			this.unit = unit;
			this.own = own;
			this.handled = handled;
			this.bytes = bytes;
		}

		/**
		 * Holds more room, as a body of unknown length is read.
		 * @param total the bytes to hold in all
		 * @throws GatewayBusyException if there is not that much room now
		 */
		void growTo(int total) {
			if (total > this.bytes) {
				if (total > InFlightBodies.this.perUnit) {
					throw new GatewayBusyException("A unit's requests hold at most " + InFlightBodies.this.perUnit
							+ " bytes of bodies at once");
				}
				acquire(this.unit, this.own, total - this.bytes);
				this.bytes = total;
			}
		}

		/**
		 * Frees the request's place among its unit's once its body has arrived: the place
		 * bounds the requests whose bodies are still arriving (those a slow or stalled
		 * sender holds), not those waiting for Kafka, which its unit does not control.
		 */
		void bodyRead() {
			if (this.handled != null) {
				this.handled.release();
				this.handled = null;
			}
		}

		/**
		 * The bytes held.
		 * @return them
		 */
		int bytes() {
			return this.bytes;
		}

		/**
		 * Gives back what the body turned out not to need.
		 * @param actual the bytes read
		 */
		void shrinkTo(int actual) {
			if (actual < this.bytes) {
				release(this.bytes - actual);
				this.bytes = actual;
			}
		}

		@Override
		public void close() {
			release(this.bytes);
			this.bytes = 0;
			if (this.handled != null) {
				this.handled.release();
				this.handled = null;
			}
		}

		private void release(int bytes) {
			InFlightBodies.this.all.release(bytes);
			this.own.release(bytes);
		}

	}

}
