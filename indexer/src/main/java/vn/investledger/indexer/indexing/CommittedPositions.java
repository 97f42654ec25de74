package vn.investledger.indexer.indexing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * What the indexer's groups commit: their consumers' positions, past the commit marker
 * each of the processor's transactions leaves after its records, not only the offset
 * after the last record indexed. A group that has indexed everything then has no lag, so
 * the console's lag alarms read 0 when nothing waits, and a publication's wait for the
 * history indexer (the console's {@code LedgerCatchUp}) ends when the history holds every
 * applied event. It holds for a partition idle since the indexer started, its group left
 * before the marker by an indexer stopped there, and for one that holds only an aborted
 * transaction, of which the group had no offset ({@code CommittedPositionsTests}); the
 * console waits on these offsets after a replay or recount.
 */
@Configuration(proxyBeanMethods = false)
class CommittedPositions {

	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> commitPastTransactionMarkers() {
		return (container) -> {
			if (container.getGroupId() == null || container.getGroupId().isEmpty()) {
				// a follower assigned its partitions in no group (decisions-mark) commits
				// nothing: asked to, its consumer fails on every idle poll
				return;
			}
			container.getContainerProperties().setFixTxOffsets(true);
			// a partition the group has no offset of gets one as it is assigned, so that
			// the position past markers is committed even where no record ever comes
			// (a partition of only aborted transactions)
			container.getContainerProperties()
				.setAssignmentCommitOption(ContainerProperties.AssignmentCommitOption.ALWAYS);
		};
	}

}
