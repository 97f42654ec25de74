package vn.investledger.processor.system;

import java.util.Collection;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The settings every Kafka client of the processor needs beside its streams (the replay's
 * admin client and resetter, its progress, the rulebook's record): the servers and the
 * security of the streams configuration, so that they sign in as the streams do.
 */
public final class ClientSettings {

	private ClientSettings() {
	}

	/**
	 * The servers and security settings of a streams configuration.
	 * @param streams the streams configuration
	 * @return the client settings
	 */
	public static Properties of(Properties streams) {
		Properties clients = new Properties();
		clients.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(streams));
		streams.forEach((key, value) -> {
			String name = String.valueOf(key);
			if (name.startsWith("security.") || name.startsWith("sasl.") || name.startsWith("ssl.")) {
				clients.put(name, value);
			}
		});
		return clients;
	}

	/**
	 * The bootstrap servers of a streams configuration, as one comma-separated string.
	 * @param config the configuration
	 * @return e.g. {@code kafka-1:9092,kafka-2:9092}
	 */
	public static String bootstrapServers(Properties config) {
		Object servers = config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
		return (servers instanceof Collection<?> list) ? String.join(",", list.stream().map(String::valueOf).toList())
				: String.valueOf(servers);
	}

}
