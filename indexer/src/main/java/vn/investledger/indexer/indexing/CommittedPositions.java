package vn.investledger.indexer.indexing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * What the indexer's groups commit: their consumers' positions, past the commit marker
 * each of the processor's transactions leaves after its records, not only the offset
 * after the last record indexed. A group that has indexed everything then has no lag, so
 * the console's lag alarms read 0 when nothing waits, and a publication's wait for the
 * history indexer (the console's {@code LedgerCatchUp}) ends when the history holds every
 * applied event. It holds for a partition idle since the indexer started, its group left
 * before the marker by an indexer stopped there ({@code CommittedPositionsTests}).
 */
@Configuration(proxyBeanMethods = false)
class CommittedPositions {

	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> commitPastTransactionMarkers() {
		return (container) -> container.getContainerProperties().setFixTxOffsets(true);
	}

}
