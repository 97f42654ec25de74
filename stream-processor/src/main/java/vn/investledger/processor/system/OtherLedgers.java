package vn.investledger.processor.system;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import vn.investledger.events.Topics;

/**
 * The ledgers of other applications on the same topics: groups under another application
 * id whose running Kafka Streams threads read this prefix's event topics. Only a ledger
 * streams those topics (the indexers and consoles read what it writes), and every ledger
 * of a prefix writes the same outputs: a second one, started under another application
 * id, would decide and count every event again into them, and its replay would retire the
 * running one's figures. A plain consumer of the event topics (an operator's console
 * consumer, an archiving connector) is not a ledger and is let be. Groups this instance's
 * principal may not describe are not seen: on a cluster with access control, those whose
 * names do not begin with its application id, the only ones it may join.
 */
public final class OtherLedgers {

	private OtherLedgers() {
	}

	/**
	 * Refuses to go on beside another application's running ledger.
	 * @param admin an admin client
	 * @param applicationId this instance's application id
	 * @param topics the topics
	 * @param what what is refused, for the message (e.g. {@code "Replay refused"})
	 * @throws IllegalStateException if another application's ledger runs
	 * @throws ExecutionException if the broker cannot say
	 * @throws InterruptedException if interrupted
	 * @throws TimeoutException if the broker does not answer within 30 s
	 */
	public static void refuseBeside(Admin admin, String applicationId, Topics topics, String what)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, List<String>> others = running(admin, applicationId, topics);
		if (!others.isEmpty()) {
			throw new IllegalStateException(what + ": another application's ledger reads the event topics of "
					+ topics.prefix() + " (application id, with its instances' hosts: " + others
					+ "), and every ledger of a prefix writes the same outputs. Stop it, or start this one with its"
					+ " application id (spring.kafka.streams.application-id, now " + applicationId
					+ "), or give this one its own topic prefix.");
		}
	}

	/**
	 * Whether a group's member is a Kafka Streams application's stream thread (its
	 * consumer's client id is {@code <client id>-StreamThread-<n>-consumer}): a ledger is
	 * one, while an operator's console consumer or an archiving connector reading the
	 * event topics is not, and does not stop the processor.
	 */
	static boolean isStreamThread(MemberDescription member) {
		return member.clientId() != null && member.clientId().contains("-StreamThread-");
	}

	/**
	 * The other applications whose running stream threads read this prefix's event
	 * topics.
	 * @return each one's hosts, by application id
	 */
	static Map<String, List<String>> running(Admin admin, String applicationId, Topics topics)
			throws InterruptedException, ExecutionException, TimeoutException {
		List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups())
			.all()
			.get(30, TimeUnit.SECONDS)
			.stream()
			.map(GroupListing::groupId)
			.filter((group) -> !group.equals(applicationId))
			.toList();
		Map<String, List<String>> others = new TreeMap<>();
		if (groups.isEmpty()) {
			return others;
		}
		Map<String, KafkaFuture<ConsumerGroupDescription>> described = admin.describeConsumerGroups(groups)
			.describedGroups();
		for (Map.Entry<String, KafkaFuture<ConsumerGroupDescription>> group : described.entrySet()) {
			ConsumerGroupDescription description;
			try {
				description = group.getValue().get(30, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof GroupIdNotFoundException) {
					// gone since it was listed: it runs no member
					continue;
				}
				throw ex;
			}
			Collection<MemberDescription> readers = description.members()
				.stream()
				.filter(OtherLedgers::isStreamThread)
				.filter((member) -> member.assignment()
					.topicPartitions()
					.stream()
					.anyMatch((partition) -> topics.eventTopicPattern().matcher(partition.topic()).matches()))
				.toList();
			if (!readers.isEmpty()) {
				others.put(group.getKey(), readers.stream().map(MemberDescription::host).distinct().sorted().toList());
			}
		}
		return others;
	}

}
