package vn.investledger.localstack;

import java.util.List;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker and a real Elasticsearch node on this machine, started together.
 * Closing it stops both; so does the end of this JVM, by a shutdown hook or, if the JVM
 * is killed, by each server's guard.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start()) {
 *     String bootstrap = stack.kafka().bootstrapServers();
 *     String elasticsearch = stack.elasticsearch().url();
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalStack.class);

	/**
	 * Heap of the Kafka broker's JVM unless {@code local-stack.kafka.heap} says
	 * otherwise.
	 */
	public static final String DEFAULT_KAFKA_HEAP = "512m";

	/**
	 * Heap of Elasticsearch unless {@code local-stack.elasticsearch.heap} says otherwise.
	 */
	public static final String DEFAULT_ELASTICSEARCH_HEAP = "512m";

	private final LocalKafka kafka;

	private final LocalElasticsearch elasticsearch;

	private final Thread shutdownHook;

	private boolean stopped;

	private LocalStack(LocalKafka kafka, LocalElasticsearch elasticsearch) {
		this.kafka = kafka;
		this.elasticsearch = elasticsearch;
		this.shutdownHook = new Thread(this::stop, "local-stack-shutdown");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts both servers in parallel and waits until both answer.
	 * @return the running stack
	 * @throws LocalStackException if either fails to start (the other is stopped)
	 */
	public static LocalStack start() {
		Jdk jdk = Jdk.find();
		Workspace workspace = Workspace.create();
		String kafkaHeap = System.getProperty("local-stack.kafka.heap", DEFAULT_KAFKA_HEAP);
		String esHeap = System.getProperty("local-stack.elasticsearch.heap", DEFAULT_ELASTICSEARCH_HEAP);
		CompletableFuture<LocalKafka> kafka = CompletableFuture
			.supplyAsync(() -> LocalKafka.start(workspace, jdk, kafkaHeap));
		CompletableFuture<LocalElasticsearch> elasticsearch = CompletableFuture
			.supplyAsync(() -> LocalElasticsearch.start(workspace, jdk, esHeap));
		try {
			CompletableFuture.allOf(kafka, elasticsearch).join();
			return new LocalStack(kafka.join(), elasticsearch.join());
		}
		catch (CompletionException ex) {
			kafka.thenAccept(LocalKafka::close);
			elasticsearch.thenAccept(LocalElasticsearch::close);
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * Starts only a Kafka broker, for programs that need no Elasticsearch.
	 * @return the broker; the caller closes it
	 */
	public static LocalKafka startKafka() {
		return LocalKafka.start(Workspace.create(), Jdk.find(),
				System.getProperty("local-stack.kafka.heap", DEFAULT_KAFKA_HEAP));
	}

	/**
	 * Starts only an Elasticsearch node.
	 * @return the node; the caller closes it
	 */
	public static LocalElasticsearch startElasticsearch() {
		return LocalElasticsearch.start(Workspace.create(), Jdk.find(),
				System.getProperty("local-stack.elasticsearch.heap", DEFAULT_ELASTICSEARCH_HEAP));
	}

	/**
	 * Starts only an Elasticsearch node, with security on: the users of its file realm
	 * and the roles given, as a deployment's roles are proven against it.
	 * @param roles the roles, as Elasticsearch's {@code roles.yml}
	 * @param users the users, the first of them allowed the cluster's health
	 * @return the node; the caller closes it
	 */
	public static LocalElasticsearch startSecuredElasticsearch(String roles, List<LocalElasticsearch.User> users) {
		return LocalElasticsearch.startSecured(Workspace.create(), Jdk.find(),
				System.getProperty("local-stack.elasticsearch.heap", DEFAULT_ELASTICSEARCH_HEAP), roles, users);
	}

	public LocalKafka kafka() {
		return this.kafka;
	}

	public LocalElasticsearch elasticsearch() {
		return this.elasticsearch;
	}

	@Override
	public void close() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// already shutting down: the hook does the work
		}
		stop();
	}

	private synchronized void stop() {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		logger.info("Stopping the local Kafka broker and Elasticsearch node");
		CompletableFuture<Void> kafkaStopped = CompletableFuture.runAsync(this.kafka::close);
		this.elasticsearch.close();
		kafkaStopped.join();
	}

	/**
	 * Runs the stack until interrupted (Ctrl-C), printing the addresses.
	 * @param args unused
	 */
	public static void main(String[] args) throws InterruptedException {
		LocalStack stack = start();
		System.out.println("Kafka bootstrap servers: " + stack.kafka().bootstrapServers());
		System.out.println("Elasticsearch:           " + stack.elasticsearch().url());
		System.out.println("Press Ctrl-C to stop.");
		Thread.currentThread().join();
	}

}
