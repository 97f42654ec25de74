package vn.investledger.producers.gateway.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.KafkaException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;

import vn.investledger.events.EventJson;
import vn.investledger.events.EventValidator;
import vn.investledger.events.InvalidEventException;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Topics;
import vn.investledger.producers.gateway.security.ProvinceClient;
import vn.investledger.producers.gateway.system.GatewayProperties;

/**
 * Reads, checks and publishes events for an authenticated province: to the province's own
 * topic, keyed by project code, acknowledged by all in-sync replicas before the caller
 * hears "accepted".
 */
@Service
class EventIngestion {

	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

	private final KafkaTemplate<String, byte[]> kafka;

	private final GatewayProperties properties;

	private final Topics topics;

	EventIngestion(KafkaTemplate<String, byte[]> kafka, GatewayProperties properties) {
		this.kafka = kafka;
		this.properties = properties;
		this.topics = properties.topics();
	}

	/**
	 * Publishes one event.
	 * @param client the authenticated province
	 * @param body the request body
	 * @return where it was written
	 * @throws MalformedEventException, InvalidEventException, ForeignProvinceException,
	 * KafkaUnavailableException
	 */
	IngestResult publishOne(ProvinceClient client, byte[] body) {
		if (body == null || body.length == 0) {
			throw new MalformedEventException("The body is empty");
		}
		if (firstNonBlank(body) == '[') {
			throw new MalformedEventException(
					"The body must be one event, a JSON object; post a JSON array to /api/v1/events/batch");
		}
		LicensingEvent event = check(client, body);
		return await(0, event, send(client, event, body));
	}

	private static int firstNonBlank(byte[] body) {
		for (byte b : body) {
			if (!Character.isWhitespace(b)) {
				return b;
			}
		}
		return -1;
	}

	/**
	 * Publishes a batch: every good event is published, every bad one is reported.
	 * @param client the authenticated province
	 * @param body a JSON array of events
	 * @return a result per event
	 */
	BatchResult publishBatch(ProvinceClient client, byte[] body) {
		List<byte[]> items = split(body);
		int size = items.size();
		List<LicensingEvent> events = new ArrayList<>(size);
		List<IngestResult> results = new ArrayList<>(size);
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			byte[] item = items.get(i);
			try {
				LicensingEvent event = check(client, item);
				events.add(event);
				sends.add(send(client, event, item));
				results.add(null);
			}
			catch (RuntimeException ex) {
				events.add(null);
				sends.add(null);
				results.add(IngestResult.rejected(i, eventId(item), ProblemHandler.itemError(ex)));
			}
		}
		int accepted = 0;
		for (int i = 0; i < size; i++) {
			if (results.get(i) == null) {
				try {
					results.set(i, await(i, events.get(i), sends.get(i)));
					accepted++;
				}
				catch (KafkaUnavailableException ex) {
					results.set(i,
							IngestResult.rejected(i, events.get(i).envelope().eventId(), ProblemHandler.itemError(ex)));
				}
			}
		}
		return new BatchResult(accepted, size - accepted, results);
	}

	/**
	 * Splits a JSON array into its items' original bytes, without building a tree: each
	 * item is then bound on its own (so one bad item spoils nothing else) and published
	 * exactly as the province sent it.
	 */
	private List<byte[]> split(byte[] body) {
		if (body == null || body.length == 0) {
			throw new MalformedEventException("The body is empty");
		}
		List<byte[]> items = new ArrayList<>();
		try (JsonParser parser = EventJson.mapper().createParser(body)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw new MalformedEventException("A batch must be a JSON array of events");
			}
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				if (items.size() == this.properties.maxBatchSize()) {
					throw new RequestTooLargeException(
							"A batch holds at most " + this.properties.maxBatchSize() + " events");
				}
				int start = (int) parser.currentTokenLocation().getByteOffset();
				parser.skipChildren();
				int end = (int) parser.currentLocation().getByteOffset();
				items.add(Arrays.copyOfRange(body, start, end));
			}
			if (parser.nextToken() != null) {
				throw new MalformedEventException("Unexpected content after the batch's closing bracket");
			}
		}
		catch (JacksonException ex) {
			throw new MalformedEventException("The body is not a JSON array: " + ex.getOriginalMessage());
		}
		return items;
	}

	private LicensingEvent check(ProvinceClient client, byte[] json) {
		LicensingEvent event;
		try {
			event = EventJson.read(json);
		}
		catch (JacksonException ex) {
			throw new MalformedEventException("Not a licensing event: " + ex.getOriginalMessage());
		}
		EventValidator.requireValid(event);
		String province = event.envelope().provinceCode();
		if (!client.publishableProvinces().contains(province)) {
			throw new ForeignProvinceException(client.province(), province);
		}
		return event;
	}

	private CompletableFuture<SendResult<String, byte[]>> send(ProvinceClient client, LicensingEvent event,
			byte[] json) {
		try {
			return this.kafka.send(this.topics.eventTopicName(client.province()), event.key(), json);
		}
		catch (KafkaException ex) {
			throw new KafkaUnavailableException("Kafka did not take event " + event.envelope().eventId(), ex);
		}
	}

	private static IngestResult await(int index, LicensingEvent event,
			CompletableFuture<SendResult<String, byte[]>> send) {
		try {
			var metadata = send.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getRecordMetadata();
			return new IngestResult(index, event.envelope().eventId(), IngestResult.Status.ACCEPTED, metadata.topic(),
					metadata.partition(), metadata.offset(), null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaUnavailableException("Interrupted while publishing", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaUnavailableException("Kafka did not acknowledge event " + event.envelope().eventId(), ex);
		}
	}

	/** The event id of an item that could not be published, if it can be read at all. */
	private static UUID eventId(byte[] item) {
		try {
			JsonNode id = EventJson.mapper().readTree(item).path("envelope").path("eventId");
			return id.isString() ? UUID.fromString(id.asString()) : null;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return null;
		}
	}

}
