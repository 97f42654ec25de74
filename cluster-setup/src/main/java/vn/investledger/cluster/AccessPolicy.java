package vn.investledger.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import vn.investledger.events.Topics;

import static org.apache.kafka.common.acl.AclOperation.ALL;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;

/**
 * Who may do what on the cluster: each principal's grants, and nothing else (the brokers
 * refuse what no ACL allows). No one but the super users has a cluster-wide grant: a
 * producer with WRITE on a topic may be idempotent without IDEMPOTENT_WRITE (KIP-679),
 * and the topics exist before any service starts, so no service creates one.
 *
 * <p>
 * Names the services choose themselves, and which this class must match: the processor's
 * Kafka Streams application id {@code <prefix>-stream-processor}
 * ({@code stream-processor.yml}), which prefixes its internal topics, its group and its
 * transactional ids, and names the group the console describes
 * ({@code ConsoleProperties.processorGroup}); the indexer's group per listener
 * ({@code @KafkaListener} in {@code indexer/.../indexing/}), whose lag the console reads.
 */
public final class AccessPolicy {

	/** The indexer's listeners, each in its group {@code <prefix>-<name>-indexer}. */
	static final List<String> INDEXER_LISTENERS = List.of("projects", "history", "stock", "totals", "rejections");

	private final Topics topics;

	private final List<String> units;

	public AccessPolicy(Topics topics, List<String> units) {
		this.topics = topics;
		this.units = List.copyOf(units);
	}

	/**
	 * The processor's Kafka Streams application id.
	 * @param topics the topic registry
	 * @return {@code <prefix>-stream-processor}
	 */
	public static String processorApplicationId(Topics topics) {
		return topics.prefix() + "-stream-processor";
	}

	/**
	 * Every grant, the services' first, then each unit's.
	 * @return the grants
	 */
	public List<Grant> grants() {
		List<Grant> grants = new ArrayList<>();
		String prefix = this.topics.prefix();
		String events = prefix + ".events.";
		String rejections = prefix + ".rejections.";

		// The processor: reads every event topic (it subscribes by pattern, so a unit's
		// topic created later is read too) and checks their settings at start; writes the
		// figures, the history, the rejections and the dead letters in transactions; owns
		// its internal topics, its group and its transactional ids (a replay deletes its
		// internal topics and resets its group's offsets).
		String applicationId = processorApplicationId(this.topics);
		String processor = Principals.STREAM_PROCESSOR;
		grants.add(new Grant(processor, TOPIC, events, PREFIXED, Set.of(READ, DESCRIBE, DESCRIBE_CONFIGS)));
		grants.add(new Grant(processor, TOPIC, rejections, PREFIXED, Set.of(WRITE, DESCRIBE)));
		grants.add(new Grant(processor, TOPIC, this.topics.deadLetterTopicName(), LITERAL, Set.of(WRITE, DESCRIBE)));
		// the ledger's decisions, which a recount reads back
		grants.add(new Grant(processor, TOPIC, this.topics.appliedEvents().name(), LITERAL,
				Set.of(READ, WRITE, DESCRIBE)));
		// the figures and project states it also reads, to retire them before a replay;
		// the tables its figures are counted under, which it reads at start and a replay
		// rewrites
		for (String figures : List.of(this.topics.totals().name(), this.topics.stock().name(),
				this.topics.projectState().name(), this.topics.rulebookTopicName())) {
			grants.add(new Grant(processor, TOPIC, figures, LITERAL, Set.of(READ, WRITE, DESCRIBE)));
		}
		grants.add(new Grant(processor, TOPIC, applicationId, PREFIXED, Set.of(ALL)));
		grants.add(new Grant(processor, GROUP, applicationId, PREFIXED, Set.of(READ, DESCRIBE, DELETE)));
		grants.add(new Grant(processor, TRANSACTIONAL_ID, applicationId, PREFIXED, Set.of(WRITE, DESCRIBE)));

		// The indexer: reads the processor's outputs, every unit's rejections and the
		// processor's dead letters (records of no unit, indexed beside the rejections),
		// each listener in its own group; writes its own dead letters.
		String indexer = Principals.INDEXER;
		for (String input : List.of(this.topics.projectState().name(), this.topics.appliedEvents().name(),
				this.topics.stock().name(), this.topics.totals().name(), this.topics.deadLetterTopicName())) {
			grants.add(new Grant(indexer, TOPIC, input, LITERAL, Set.of(READ, DESCRIBE)));
		}
		grants.add(new Grant(indexer, TOPIC, rejections, PREFIXED, Set.of(READ, DESCRIBE)));
		// the processor's marks: a history rebuild starts where the latest replay's
		// decisions begin
		grants.add(new Grant(indexer, TOPIC, this.topics.rulebookTopicName(), LITERAL, Set.of(READ, DESCRIBE)));
		for (String listener : INDEXER_LISTENERS) {
			grants
				.add(new Grant(indexer, GROUP, prefix + "-" + listener + "-indexer", LITERAL, Set.of(READ, DESCRIBE)));
		}
		// (and reads its settings, to tell whether it takes a dead letter of the largest
		// size, which cluster-setup gives it)
		grants.add(new Grant(indexer, TOPIC, indexerDeadLetterTopic(this.topics), LITERAL,
				Set.of(WRITE, DESCRIBE, DESCRIBE_CONFIGS)));

		// The console reads no record of the ledger's events: it describes the indexer's
		// groups
		// and the topics
		// they read, to show how many records are not indexed yet; and for the
		// operations view, every event topic (the dead letters among them: their ends
		// are the events each unit appended) and the processor's group (its members,
		// and its lag on the event topics).
		String console = Principals.CONSOLE;
		for (String input : List.of(this.topics.projectState().name(), this.topics.appliedEvents().name(),
				this.topics.stock().name(), this.topics.totals().name())) {
			grants.add(new Grant(console, TOPIC, input, LITERAL, Set.of(DESCRIBE)));
		}
		grants.add(new Grant(console, TOPIC, events, PREFIXED, Set.of(DESCRIBE)));
		grants.add(new Grant(console, TOPIC, rejections, PREFIXED, Set.of(DESCRIBE)));
		for (String listener : INDEXER_LISTENERS) {
			grants.add(new Grant(console, GROUP, prefix + "-" + listener + "-indexer", LITERAL, Set.of(DESCRIBE)));
		}
		grants.add(new Grant(console, GROUP, applicationId, LITERAL, Set.of(DESCRIBE)));
		// and one topic of its own: it records each publication of an official release
		// and reads them back (assigned, in no group)
		grants.add(new Grant(console, TOPIC, this.topics.releasesTopicName(), LITERAL, Set.of(READ, WRITE, DESCRIBE)));
		// and it reads the processor's record of the tables the figures and the
		// history were counted under (assigned, in no group), so as not to sum a
		// history recorded under other tables to a recounted figure
		grants.add(new Grant(console, TOPIC, this.topics.rulebookTopicName(), LITERAL, Set.of(READ, DESCRIBE)));

		// The gateway writes on behalf of the unit whose API key signed the request:
		// every
		// unit's event topic (not the dead-letter topic), and reads each unit's
		// rejections
		// back for it (assigned, in no group).
		String gateway = Principals.GATEWAY;
		for (String unit : this.units) {
			grants.add(new Grant(gateway, TOPIC, this.topics.eventTopicName(unit), LITERAL, Set.of(WRITE, DESCRIBE)));
		}
		grants.add(new Grant(gateway, TOPIC, rejections, PREFIXED, Set.of(READ, DESCRIBE)));

		// Each unit: writes its own event topic, reads its own rejections, in groups and
		// with transactional ids that start with its principal's name.
		for (String unit : this.units) {
			String principal = Principals.province(unit);
			grants.add(new Grant(principal, TOPIC, this.topics.eventTopicName(unit), LITERAL, Set.of(WRITE, DESCRIBE)));
			grants.add(
					new Grant(principal, TOPIC, this.topics.rejectionTopicName(unit), LITERAL, Set.of(READ, DESCRIBE)));
			grants.add(new Grant(principal, GROUP, principal, PREFIXED, Set.of(READ, DESCRIBE)));
			grants.add(new Grant(principal, TRANSACTIONAL_ID, principal, PREFIXED, Set.of(WRITE, DESCRIBE)));
		}
		return grants;
	}

	/**
	 * Every grant as the ACLs Kafka stores: one binding per operation.
	 * @return the bindings
	 */
	public List<AclBinding> bindings() {
		return grants().stream().flatMap((grant) -> grant.bindings().stream()).toList();
	}

	/**
	 * The indexer's dead-letter topic (the indexer's {@code DeadLetters} names it alike).
	 * @param topics the topic registry
	 * @return {@code <prefix>.indexer.dlq}
	 */
	public static String indexerDeadLetterTopic(Topics topics) {
		return topics.prefix() + ".indexer.dlq";
	}

	/**
	 * Operations a principal may do on one resource (a topic, a group, a transactional
	 * id) or on every resource whose name starts with a prefix.
	 *
	 * @param principal the principal's name, e.g. {@code province-31}
	 * @param type the kind of resource
	 * @param name its name, or the prefix
	 * @param patternType {@code LITERAL} or {@code PREFIXED}
	 * @param operations what is allowed
	 */
	public record Grant(String principal, ResourceType type, String name, PatternType patternType,
			Set<AclOperation> operations) {

		public Grant {
			operations = Set.copyOf(operations);
		}

		List<AclBinding> bindings() {
			ResourcePattern pattern = new ResourcePattern(this.type, this.name, this.patternType);
			return this.operations.stream()
				.sorted()
				.map((operation) -> new AclBinding(pattern,
						new AccessControlEntry("User:" + this.principal, "*", operation, AclPermissionType.ALLOW)))
				.toList();
		}

	}

}
