package vn.investledger.events;

import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic of the platform with the serdes of its keys and values.
 *
 * @param name the topic's name
 * @param keySerde how keys are written
 * @param valueSerde how values are written
 * @param <K> the key type
 * @param <V> the value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

}
