package vn.investledger.testsupport;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;

import vn.investledger.localstack.LocalElasticsearch;
import vn.investledger.localstack.LocalKafka;
import vn.investledger.localstack.LocalStack;

/**
 * Gives tests a real Kafka broker and a real Elasticsearch node: Testcontainers when a
 * Docker engine is available, the project's {@link LocalStack} servers otherwise. Each
 * server starts on first use and once per test JVM, and stops after the last test; tests
 * isolate themselves by unique topic and index names.
 * <p>
 * Use {@code @ExtendWith(RealServers.class)} and take a {@link KafkaServer} or
 * {@link ElasticsearchServer} parameter, or call {@link #kafka()} /
 * {@link #elasticsearch()} (e.g. from {@code @DynamicPropertySource}). The system
 * property {@value #MODE_PROPERTY} forces {@code local} or {@code docker}; the default is
 * {@code auto}. A module whose tests use both servers sets {@value #TOGETHER_PROPERTY} to
 * {@code true}: the first server asked for starts the other beside it, on another thread,
 * which saves the shorter of the two start times once per JVM.
 */
public final class RealServers implements BeforeAllCallback, ParameterResolver {

	/** Chooses the servers: {@code auto} (default), {@code local} or {@code docker}. */
	public static final String MODE_PROPERTY = "investledger.test.servers";

	/**
	 * {@code true}: this JVM's tests use both servers, so the first one asked for starts
	 * the other at the same time.
	 */
	public static final String TOGETHER_PROPERTY = "investledger.test.servers.together";

	static final String KAFKA_IMAGE = "apache/kafka:4.2.1";

	static final String ELASTICSEARCH_IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:9.5.3";

	private static final Logger logger = LoggerFactory.getLogger(RealServers.class);

	private static final Object kafkaLock = new Object();

	private static final Object elasticsearchLock = new Object();

	private static final List<AutoCloseable> started = new CopyOnWriteArrayList<>();

	private static final AtomicBoolean otherStarted = new AtomicBoolean();

	private static KafkaServer kafka;

	private static ElasticsearchServer elasticsearch;

	private static boolean hookInstalled;

	/**
	 * The shared Kafka broker, started on first call.
	 * @return its address
	 */
	public static KafkaServer kafka() {
		synchronized (kafkaLock) {
			if (kafka == null) {
				installShutdownHook();
				startTheOtherBeside(RealServers::elasticsearch);
				if (useDocker()) {
					KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
					container.start();
					started.add(container::stop);
					kafka = new KafkaServer(container.getBootstrapServers());
				}
				else {
					LocalKafka local = LocalStack.startKafka();
					started.add(local);
					kafka = new KafkaServer(local.bootstrapServers());
				}
			}
			return kafka;
		}
	}

	/**
	 * The shared Elasticsearch node, started on first call.
	 * @return its address
	 */
	public static ElasticsearchServer elasticsearch() {
		synchronized (elasticsearchLock) {
			if (elasticsearch == null) {
				installShutdownHook();
				startTheOtherBeside(RealServers::kafka);
				if (useDocker()) {
					ElasticsearchContainer container = new ElasticsearchContainer(ELASTICSEARCH_IMAGE)
						.withEnv("xpack.security.enabled", "false")
						.withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
					container.start();
					started.add(container::stop);
					elasticsearch = new ElasticsearchServer("http://" + container.getHttpHostAddress());
				}
				else {
					LocalElasticsearch local = LocalStack.startElasticsearch();
					started.add(local);
					elasticsearch = new ElasticsearchServer(local.url());
				}
			}
			return elasticsearch;
		}
	}

	static boolean useDocker() {
		String mode = System.getProperty(MODE_PROPERTY, "auto").toLowerCase(Locale.ROOT);
		return switch (mode) {
			case "docker" -> true;
			case "local" -> false;
			case "auto" -> {
				boolean docker = DockerClientFactory.instance().isDockerAvailable();
				logger.info("Docker {}: using {} servers", docker ? "available" : "not available",
						docker ? "Testcontainers" : "local-stack");
				yield docker;
			}
			default ->
				throw new IllegalArgumentException(MODE_PROPERTY + " must be auto, local or docker, was " + mode);
		};
	}

	/**
	 * Stops every server this JVM started.
	 */
	static void stopAll() {
		// waits for a start in progress on another thread; no thread takes them the
		// other way round
		synchronized (kafkaLock) {
			synchronized (elasticsearchLock) {
				stopStarted();
			}
		}
	}

	private static void stopStarted() {
		for (AutoCloseable server : started.reversed()) {
			try {
				server.close();
			}
			catch (Exception ex) {
				logger.warn("Could not stop {}", server, ex);
			}
		}
		started.clear();
		kafka = null;
		elasticsearch = null;
	}

	/**
	 * When this JVM's tests use both servers, the first start also starts the other,
	 * once, on another thread; asking for it then waits until it is ready. A failure
	 * there is logged, and that server starts again when asked for.
	 */
	private static void startTheOtherBeside(Runnable other) {
		if (Boolean.getBoolean(TOGETHER_PROPERTY) && otherStarted.compareAndSet(false, true)) {
			Thread.ofPlatform().daemon().name("real-servers-start").start(() -> {
				try {
					other.run();
				}
				catch (RuntimeException | Error ex) {
					logger.warn("Could not start the other server beside the first; it starts again when asked for",
							ex);
				}
			});
		}
	}

	private static synchronized void installShutdownHook() {
		if (!hookInstalled) {
			Runtime.getRuntime().addShutdownHook(new Thread(RealServers::stopAll, "real-servers-shutdown"));
			hookInstalled = true;
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// Closed by JUnit after the last test of the run, in this JVM.
		context.getRoot()
			.getStore(ExtensionContext.Namespace.create(RealServers.class))
			.computeIfAbsent("servers", (key) -> (AutoCloseable) RealServers::stopAll);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
		Class<?> type = parameter.getParameter().getType();
		return type == KafkaServer.class || type == ElasticsearchServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
		return (parameter.getParameter().getType() == KafkaServer.class) ? kafka() : elasticsearch();
	}

}
