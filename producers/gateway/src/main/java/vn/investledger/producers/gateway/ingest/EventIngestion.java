package vn.investledger.producers.gateway.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;

import vn.investledger.events.CheckedEvent;
import vn.investledger.events.EventJson;
import vn.investledger.events.EventTooLargeException;
import vn.investledger.events.EventValidator;
import vn.investledger.events.InvalidEventException;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Topics;
import vn.investledger.events.reference.VsicEditions;
import vn.investledger.producers.gateway.ownership.ProjectOwners;
import vn.investledger.producers.gateway.security.ProvinceClient;
import vn.investledger.producers.gateway.system.GatewayProperties;
import vn.investledger.producers.gateway.system.VsicTablesProperties;

/**
 * Reads, checks and publishes events for an authenticated province: to the province's own
 * topic, keyed by project code, acknowledged by all in-sync replicas before the caller
 * hears "accepted". The checks refuse early what the ledger would refuse for certain (too
 * large, invalid now, another province's, a project another unit owns); the ledger in the
 * stream processor decides every event again, whatever passes here.
 */
@Service
class EventIngestion {

	/**
	 * How long a request waits, after its sends, for Kafka's acknowledgements: longer
	 * than the producer's {@code delivery.timeout.ms}, so that Kafka's own answer comes
	 * first.
	 */
	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Splits batches into their items without the contract's bounds on strings and
	 * numbers, so that one item with a huge string is refused alone when it is read,
	 * instead of spoiling the whole batch; the body itself is bounded by
	 * {@code max-request-size}. Nesting keeps Jackson's default bound (500 levels).
	 */
	private static final JsonMapper SPLITTER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxStringLength(Integer.MAX_VALUE)
				.maxNumberLength(Integer.MAX_VALUE)
				.maxNameLength(Integer.MAX_VALUE)
				.build())
			.build())
		.build();

	private final KafkaTemplate<String, byte[]> kafka;

	private final GatewayProperties properties;

	private final Topics topics;

	private final ProjectOwners owners;

	private final VsicEditions vsic;

	EventIngestion(KafkaTemplate<String, byte[]> kafka, GatewayProperties properties, ProjectOwners owners,
			VsicTablesProperties vsic) {
		this.kafka = kafka;
		this.properties = properties;
		this.topics = properties.topics();
		this.owners = owners;
		this.vsic = vsic.editions();
	}

	/**
	 * Publishes one event.
	 * @param client the authenticated province
	 * @param body the request body
	 * @return where it was written
	 * @throws MalformedEventException, EventTooLargeException, InvalidEventException,
	 * ForeignProvinceException, ForeignProjectException, KafkaRefusedException,
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
		requireOwnedBy(client, event, this.owners.ownersOf(List.of(event.key())));
		return await(0, event, send(client, event, body), System.nanoTime() + ACK_TIMEOUT.toNanos());
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
	 * Publishes a batch: every good event is published, every bad one is reported. The
	 * events are sent in order until Kafka does not take one, or until
	 * {@code batch-send-timeout} after the batch arrived; the rest are answered 503
	 * without being sent, since each send would wait for Kafka again.
	 * @param client the authenticated province
	 * @param body a JSON array of events
	 * @return a result per event
	 */
	BatchResult publishBatch(ProvinceClient client, byte[] body) {
		long sendBy = System.nanoTime() + this.properties.batchSendTimeout().toNanos();
		List<byte[]> items = split(body);
		int size = items.size();
		List<LicensingEvent> events = new ArrayList<>(size);
		List<IngestResult> results = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			byte[] item = items.get(i);
			try {
				events.add(check(client, item));
				results.add(null);
			}
			catch (RuntimeException ex) {
				events.add(null);
				results.add(IngestResult.rejected(i, eventId(item), ProblemHandler.itemError(ex)));
			}
		}
		// the owners of all the batch's projects at once: one short wait, not one per
		// event
		Map<String, String> owners = this.owners
			.ownersOf(events.stream().filter(Objects::nonNull).map(LicensingEvent::key).distinct().toList());
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(size);
		// why the events not sent yet are not sent, once one of the reasons holds
		String stopped = null;
		for (int i = 0; i < size; i++) {
			LicensingEvent event = events.get(i);
			CompletableFuture<SendResult<String, byte[]>> send = null;
			if (event != null) {
				try {
					requireOwnedBy(client, event, owners);
					if (stopped == null && System.nanoTime() - sendBy >= 0) {
						stopped = "the batch's time to hand its events to Kafka (investledger.batch-send-timeout) had passed";
					}
					if (stopped == null) {
						send = sendAtOnce(client, event, items.get(i));
					}
					else {
						results.set(i,
								IngestResult.rejected(i, event.envelope().eventId(),
										ProblemHandler.itemError(new KafkaUnavailableException(
												"Not sent, since " + stopped + "; send it again with the same event id",
												null))));
					}
				}
				catch (KafkaUnavailableException ex) {
					stopped = "Kafka did not take event " + event.envelope().eventId() + ", item " + i
							+ " of this batch";
					results.set(i, IngestResult.rejected(i, event.envelope().eventId(), ProblemHandler.itemError(ex)));
				}
				catch (RuntimeException ex) {
					results.set(i, IngestResult.rejected(i, event.envelope().eventId(), ProblemHandler.itemError(ex)));
				}
			}
			sends.add(send);
		}
		// the acknowledgements arrive together: one wait for all of them
		long acknowledgedBy = System.nanoTime() + ACK_TIMEOUT.toNanos();
		int accepted = 0;
		for (int i = 0; i < size; i++) {
			if (sends.get(i) != null) {
				try {
					results.set(i, await(i, events.get(i), sends.get(i), acknowledgedBy));
					accepted++;
				}
				catch (RuntimeException ex) {
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
		try {
			// the items are cut from the body by byte offsets, which only UTF-8 has
			EventJson.requireUtf8(body);
		}
		catch (JacksonException ex) {
			throw new MalformedEventException(ex.getOriginalMessage().replace("An event's JSON", "A batch"));
		}
		try (JsonParser parser = SPLITTER.createParser(body)) {
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
				if (parser.currentToken().isScalarValue()) {
					// a string item is skipped lazily: read it, so that its end is known
					parser.finishToken();
				}
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

	/**
	 * The checks that need nothing but the event: its size as sent (before it is read, so
	 * that a huge body costs no parsing), its JSON, the contract judged against now (the
	 * tree parsed once, checked against the schemas, then bound), and the province.
	 */
	private LicensingEvent check(ProvinceClient client, byte[] json) {
		EventTooLargeException.check(json.length);
		CheckedEvent checked;
		try {
			checked = EventValidator.read(json, Instant.now(), this.vsic);
		}
		catch (JacksonException ex) {
			throw new MalformedEventException("Not a licensing event: " + ex.getOriginalMessage());
		}
		LicensingEvent event = checked.requireValid();
		String province = event.envelope().provinceCode();
		if (!client.publishableProvinces().contains(province)) {
			throw new ForeignProvinceException(client.province(), province);
		}
		return event;
	}

	private static void requireOwnedBy(ProvinceClient client, LicensingEvent event, Map<String, String> owners) {
		String owner = owners.get(event.key());
		if (owner != null && !owner.equals(client.province())) {
			throw new ForeignProjectException(event.key(), owner, client.province());
		}
	}

	private CompletableFuture<SendResult<String, byte[]>> send(ProvinceClient client, LicensingEvent event,
			byte[] json) {
		try {
			return this.kafka.send(this.topics.eventTopicName(client.province()), event.key(), json);
		}
		catch (KafkaException | org.springframework.kafka.KafkaException ex) {
			// the template throws its own exception when the producer refuses a record
			// at once (too large, or no metadata within max.block.ms)
			throw kafkaFailure(event, ex);
		}
	}

	/**
	 * Sends an event, failing at once if the producer gave up on it before sending (no
	 * metadata within {@code max.block.ms}, or too large), as it does without throwing.
	 */
	private CompletableFuture<SendResult<String, byte[]>> sendAtOnce(ProvinceClient client, LicensingEvent event,
			byte[] json) {
		CompletableFuture<SendResult<String, byte[]>> send = send(client, event, json);
		if (send.isCompletedExceptionally()) {
			throw kafkaFailure(event, send.exceptionNow());
		}
		return send;
	}

	private static IngestResult await(int index, LicensingEvent event,
			CompletableFuture<SendResult<String, byte[]>> send, long acknowledgedBy) {
		try {
			var metadata = send.get(Math.max(0, acknowledgedBy - System.nanoTime()), TimeUnit.NANOSECONDS)
				.getRecordMetadata();
			return new IngestResult(index, event.envelope().eventId(), IngestResult.Status.ACCEPTED, metadata.topic(),
					metadata.partition(), metadata.offset(), null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaUnavailableException("Interrupted while publishing", ex);
		}
		catch (ExecutionException ex) {
			throw kafkaFailure(event, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new KafkaUnavailableException("Kafka did not acknowledge event " + event.envelope().eventId(), ex);
		}
	}

	/**
	 * Why Kafka did not take an event: too large for the cluster's limits (sending again
	 * cannot help), or unavailable (sending again can).
	 */
	private static RuntimeException kafkaFailure(LicensingEvent event, Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
				return new KafkaRefusedException("Kafka refused event " + event.envelope().eventId()
						+ " as larger than its record or request limits: " + cause.getMessage(), failure);
			}
		}
		return new KafkaUnavailableException("Kafka did not acknowledge event " + event.envelope().eventId(), failure);
	}

	/**
	 * The event id of an item that could not be published, if it can be read at all
	 * (without the contract's bounds: an item refused as too large still names its id).
	 * Read as a stream of tokens, skipping all but the envelope: an item of any size and
	 * shape (millions of empty objects in one refused item) costs no memory beyond the
	 * body's, where a tree of it would cost dozens of times that.
	 */
	static UUID eventId(byte[] item) {
		try (JsonParser parser = SPLITTER.createParser(item)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				boolean envelope = "envelope".equals(parser.currentName());
				if (parser.nextToken() == JsonToken.START_OBJECT && envelope) {
					while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
						boolean id = "eventId".equals(parser.currentName());
						if (parser.nextToken() == JsonToken.VALUE_STRING && id) {
							return UUID.fromString(parser.getString());
						}
						parser.skipChildren();
					}
					return null;
				}
				parser.skipChildren();
			}
			return null;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return null;
		}
	}

}
