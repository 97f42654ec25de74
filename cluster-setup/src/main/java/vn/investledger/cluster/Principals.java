package vn.investledger.cluster;

import java.util.ArrayList;
import java.util.List;

import vn.investledger.events.reference.Provinces;

/**
 * The Kafka principals of the platform: two super users the cluster runs on, the four
 * services, and one per provincial unit in force.
 */
public final class Principals {

	/** Super user: the brokers among themselves, and cluster-setup. */
	public static final String ADMIN = "admin";

	/** Super user of the controller listener (SASL/PLAIN), never a client's. */
	public static final String CONTROLLER = "controller";

	public static final String STREAM_PROCESSOR = "stream-processor";

	public static final String INDEXER = "indexer";

	public static final String GATEWAY = "gateway";

	/**
	 * The officials' console: reads how far the indexer's groups are behind, nothing
	 * else.
	 */
	public static final String CONSOLE = "console";

	private Principals() {
	}

	/**
	 * A unit's principal.
	 * @param unit its two-digit code
	 * @return e.g. {@code province-31}
	 */
	public static String province(String unit) {
		return "province-" + unit;
	}

	/**
	 * The units in force, each with its own topic and principal.
	 * @return their codes, sorted
	 */
	public static List<String> units() {
		return Provinces.standard().currentCodes().stream().sorted().toList();
	}

	/**
	 * Every principal with a password: the super users, the services, the units.
	 * @param units the units
	 * @return the names
	 */
	public static List<String> all(List<String> units) {
		List<String> all = new ArrayList<>(List.of(ADMIN, CONTROLLER, STREAM_PROCESSOR, INDEXER, GATEWAY, CONSOLE));
		units.forEach((unit) -> all.add(province(unit)));
		return all;
	}

	/**
	 * The principals that sign in with SCRAM: all but the controller, whose PLAIN
	 * credential is in the brokers' own properties.
	 * @param units the units
	 * @return the names
	 */
	public static List<String> scramUsers(List<String> units) {
		return all(units).stream().filter((name) -> !CONTROLLER.equals(name)).toList();
	}

}
