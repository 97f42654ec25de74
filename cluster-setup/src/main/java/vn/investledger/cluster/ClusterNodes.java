package vn.investledger.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The nodes of a cluster, each broker and controller, and the addresses that follow from
 * them.
 *
 * @param nodes the nodes, with distinct ids
 */
public record ClusterNodes(List<Node> nodes) {

	public ClusterNodes {
		nodes = List.copyOf(nodes);
		if (nodes.isEmpty() || nodes.stream().map(Node::id).distinct().count() != nodes.size()) {
			throw new IllegalArgumentException("A cluster needs nodes with distinct ids: " + nodes);
		}
	}

	/**
	 * Nodes 1 to n on the given hosts, each on the same two ports (as in {@code docker/},
	 * one host per node).
	 * @param hosts the hosts, node 1's first
	 * @param clientPort the client listener's port
	 * @param controllerPort the controller listener's port
	 * @return the nodes
	 */
	public static ClusterNodes onHosts(List<String> hosts, int clientPort, int controllerPort) {
		List<Node> nodes = new ArrayList<>();
		for (int i = 0; i < hosts.size(); i++) {
			nodes.add(new Node(i + 1, hosts.get(i), clientPort, controllerPort));
		}
		return new ClusterNodes(nodes);
	}

	/**
	 * The {@code controller.quorum.voters} value: every node votes.
	 * @return e.g. {@code 1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093}
	 */
	public String quorumVoters() {
		return this.nodes.stream()
			.map((node) -> node.id() + "@" + node.host() + ":" + node.controllerPort())
			.collect(Collectors.joining(","));
	}

	/**
	 * The clients' bootstrap servers: every node's client listener.
	 * @return e.g. {@code kafka-1:9092,kafka-2:9092,kafka-3:9092}
	 */
	public String bootstrapServers() {
		return this.nodes.stream()
			.map((node) -> node.host() + ":" + node.clientPort())
			.collect(Collectors.joining(","));
	}

	/**
	 * One node.
	 *
	 * @param id its {@code node.id}
	 * @param host the host others reach it at
	 * @param clientPort its client (and inter-broker) listener's port
	 * @param controllerPort its controller listener's port
	 */
	public record Node(int id, String host, int clientPort, int controllerPort) {
	}

}
