package vn.investledger.processor.totals;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.investledger.events.InvestmentType;
import vn.investledger.events.Licensed;
import vn.investledger.events.LicensingEvent;
import vn.investledger.events.Money;
import vn.investledger.events.Topic;
import vn.investledger.events.Topics;
import vn.investledger.events.Total;
import vn.investledger.processor.intake.EventIntake;
import vn.investledger.processor.system.ProcessorProperties;

/**
 * The totals topology: accepted events ({@link EventIntake}) → registered capital of new
 * projects per province and investment type → the totals topic, and a queryable store.
 */
@Configuration(proxyBeanMethods = false)
public class TotalsTopology {

	/** The store of figures by province, keyed {@code <province>|<FDI or DDI>}. */
	public static final String BY_PROVINCE_STORE = "totals-by-province";

	static final String PROVINCE_CUBOID = "province";

	static final String ALL_TIME = "all";

	@Bean
	KTable<String, Total> totalsByProvince(StreamsBuilder builder, ProcessorProperties properties) {
		return build(builder, properties.topics());
	}

	/**
	 * Adds the totals topology to a builder.
	 * @param builder the builder
	 * @param topics the topic registry
	 * @return the table of figures by province
	 */
	public static KTable<String, Total> build(StreamsBuilder builder, Topics topics) {
		Topic<String, Total> totals = topics.totals();
		KTable<String, Total> byProvince = EventIntake.acceptedEvents(builder, topics)
			.filter((projectCode, event) -> event instanceof Licensed, Named.as("licences"))
			.groupBy(
					(projectCode, event) -> provinceKey(event.envelope().provinceCode(),
							((Licensed) event).investmentType()),
					Grouped.with("by-province", Serdes.String(), Topics.eventSerde()))
			.aggregate(TotalsTopology::empty, TotalsTopology::add, Named.as("sum-by-province"),
					Materialized.<String, Total, KeyValueStore<Bytes, byte[]>>as(BY_PROVINCE_STORE)
						.withKeySerde(Serdes.String())
						.withValueSerde(totals.valueSerde()));
		byProvince.toStream(Named.as("by-province-changes"))
			.selectKey((storeKey, total) -> total.key(), Named.as("key-by-figure"))
			.to(totals.name(), Produced.with(totals.keySerde(), totals.valueSerde()).withName("totals"));
		return byProvince;
	}

	static String provinceKey(String provinceCode, InvestmentType type) {
		return provinceCode + "|" + type;
	}

	private static Total empty() {
		return new Total(PROVINCE_CUBOID, Map.of(), ALL_TIME, null, null, 0, null);
	}

	private static Total add(String storeKey, LicensingEvent event, Total total) {
		Licensed licence = (Licensed) event;
		InvestmentType type = licence.investmentType();
		Money capital = (total.newCapital() != null) ? total.newCapital() : Money.zero(type.currency());
		Instant newest = event.envelope().emittedAt();
		if (total.newestEventAt() != null && total.newestEventAt().isAfter(newest)) {
			newest = total.newestEventAt();
		}
		return new Total(PROVINCE_CUBOID, Map.of(PROVINCE_CUBOID, event.envelope().provinceCode()), ALL_TIME, type,
				capital.plus(licence.registeredCapital()), total.newProjects() + 1, newest);
	}

}
