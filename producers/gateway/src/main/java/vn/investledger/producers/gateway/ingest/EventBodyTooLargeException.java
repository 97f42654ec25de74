package vn.investledger.producers.gateway.ingest;

import vn.investledger.events.Limits;

/**
 * A single event's body, of no stated length, ran past {@link Limits#MAX_EVENT_BYTES}:
 * refused as soon as that much was read, without reading the rest.
 */
class EventBodyTooLargeException extends RuntimeException {

	EventBodyTooLargeException() {
		super("An event is at most " + Limits.MAX_EVENT_BYTES + " bytes of UTF-8 JSON, this one is longer");
	}

}
