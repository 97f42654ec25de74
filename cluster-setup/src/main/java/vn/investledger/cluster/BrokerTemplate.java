package vn.investledger.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker properties template ({@code cluster/broker.properties}), the one source of
 * the brokers' settings for the local cluster and for {@code docker/}: each node's file
 * is this template with the node's id, addresses, log directory and the two passwords the
 * brokers sign in with filled in.
 */
public final class BrokerTemplate {

	/** Where the template is on the classpath. */
	public static final String RESOURCE = "/cluster/broker.properties";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z.]+)}");

	private final String template;

	private BrokerTemplate(String template) {
		this.template = template;
	}

	/**
	 * The template shipped in this module.
	 * @return the template
	 */
	public static BrokerTemplate standard() {
		try (InputStream in = BrokerTemplate.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("No " + RESOURCE + " on the classpath");
			}
			return new BrokerTemplate(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The names of the template's placeholders.
	 * @return e.g. {@code node.id}, {@code client.port}
	 */
	public java.util.Set<String> placeholders() {
		Matcher matcher = PLACEHOLDER.matcher(this.template);
		java.util.Set<String> names = new TreeSet<>();
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/**
	 * One node's properties file.
	 * @param cluster the nodes of the cluster
	 * @param node the node to render, one of the cluster's
	 * @param listenHost the address its listeners bind, e.g. {@code 127.0.0.1} or
	 * {@code 0.0.0.0}
	 * @param logDirs its data directory
	 * @param secrets the passwords the brokers and controllers sign in with
	 * @return the file's text
	 */
	public String render(ClusterNodes cluster, ClusterNodes.Node node, String listenHost, String logDirs,
			BrokerSecrets secrets) {
		if (!cluster.nodes().contains(node)) {
			throw new IllegalArgumentException("Node " + node + " is not one of " + cluster.nodes());
		}
		Map<String, String> values = new LinkedHashMap<>();
		values.put("node.id", Integer.toString(node.id()));
		values.put("quorum.voters", cluster.quorumVoters());
		values.put("listen.host", listenHost);
		values.put("advertised.host", node.host());
		values.put("client.port", Integer.toString(node.clientPort()));
		values.put("controller.port", Integer.toString(node.controllerPort()));
		values.put("log.dirs", logDirs);
		values.put("admin.password", secrets.adminPassword());
		values.put("controller.password", secrets.controllerPassword());
		return fill(values);
	}

	/**
	 * One node's settings, as the broker reads them.
	 * @param rendered a file rendered by {@link #render}
	 * @return the properties
	 */
	public static Properties parse(String rendered) {
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(rendered));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

	String fill(Map<String, String> values) {
		List<String> missing = placeholders().stream().filter((name) -> !values.containsKey(name)).toList();
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException("No value for " + missing + " in " + RESOURCE);
		}
		values.forEach((name, value) -> {
			// a value lands in a properties file and, for the passwords, in a JAAS line
			if (value.chars().anyMatch((c) -> c == '"' || c == '\\' || c == ';' || c == '\n' || c == '\r')) {
				throw new IllegalArgumentException("The value of " + name + " may not contain quotes, backslashes,"
						+ " semicolons or line breaks");
			}
		});
		return PLACEHOLDER.matcher(this.template)
			.replaceAll((match) -> Matcher.quoteReplacement(values.get(match.group(1))));
	}

	/**
	 * The passwords in a node's file, which the brokers sign in with.
	 *
	 * @param adminPassword the super user admin's, for the brokers among themselves
	 * (SCRAM)
	 * @param controllerPassword the super user controller's, for the controller listener
	 * (PLAIN)
	 */
	public record BrokerSecrets(String adminPassword, String controllerPassword) {

		@Override
		public String toString() {
			return "BrokerSecrets[…]";
		}

		/**
		 * The passwords of {@link Principals#ADMIN} and {@link Principals#CONTROLLER} in
		 * a credentials directory.
		 * @param credentials the directory
		 * @return the secrets
		 */
		public static BrokerSecrets from(Credentials credentials) {
			return new BrokerSecrets(credentials.password(Principals.ADMIN),
					credentials.password(Principals.CONTROLLER));
		}

	}

}
