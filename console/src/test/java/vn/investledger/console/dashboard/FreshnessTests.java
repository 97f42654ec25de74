package vn.investledger.console.dashboard;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import vn.investledger.console.ConsoleFixture;
import vn.investledger.console.ConsoleTest;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.Money;
import vn.investledger.events.Total;
import vn.investledger.index.Indices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How fresh the figures are, as every open console asks every few seconds: the indexers'
 * lag is the operations view's newest sample, so however many consoles ask at once, no
 * request asks Kafka. The console's Kafka client is counted; the view samples once, at
 * start, and not again within the test.
 */
@ConsoleTest
@TestPropertySource(properties = { "investledger.operations.sample-interval=1h", "investledger.operations.window=2h" })
@Import(FreshnessTests.CountedKafkaCalls.class)
class FreshnessTests {

	private static final int CONSOLES = 32;

	/** Calls of the console's Kafka client, by method name. */
	private static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final ConsoleFixture fixture;

	FreshnessTests(ConsoleFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void shouldAnswerManyConsolesAtOnceFromTheSampleWithoutAskingKafka() throws Exception {
		// Given a figure, and the operations view's first sample taken
		this.fixture.index(new Total("national", Map.of(), "all", InvestmentType.FDI, Money.usd("1000"), 1,
				Money.usd("0"), 0, Money.usd("0"), 0, Money.usd("0"), Instant.parse("2026-11-30T03:00:00Z"), null));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> !this.fixture.getJson("/api/console/operations", Map.of()).get("sampledAt").isNull());
		int before = offsetCalls();
		assertThat(before).as("the sample's calls").isPositive();

		// When many consoles ask at once
		List<HttpResponse<String>> answers = atOnce("/api/console/freshness");

		// Then none of them asked Kafka
		assertThat(offsetCalls()).as("Kafka's offsets asked").isEqualTo(before);
		// and each is answered, with the newest event and every indexer's lag as sampled
		String sampledAt = this.fixture.getJson("/api/console/operations", Map.of()).get("sampledAt").asString();
		assertThat(answers).hasSize(CONSOLES).allSatisfy((answer) -> {
			assertThat(answer.statusCode()).isEqualTo(200);
			JsonNode freshness = ConsoleFixture.JSON.readTree(answer.body());
			assertThat(freshness.get("asOf").asString()).isEqualTo("2026-11-30T03:00:00Z");
			assertThat(freshness.get("lagAt").asString()).isEqualTo(sampledAt);
			assertThat(freshness.get("lag").propertyNames()).containsExactlyInAnyOrderElementsOf(Indices.KINDS);
			freshness.get("lag").values().forEach((lag) -> assertThat(lag.asLong()).as("known").isNotNegative());
		});
	}

	/** The calls that read groups' committed offsets or partitions' ends. */
	private static int offsetCalls() {
		return calls.getOrDefault("listConsumerGroupOffsets", new AtomicInteger()).get()
				+ calls.getOrDefault("listOffsets", new AtomicInteger()).get();
	}

	/** {@value #CONSOLES} requests as the official, sent at the same instant. */
	private List<HttpResponse<String>> atOnce(String path) throws Exception {
		CyclicBarrier start = new CyclicBarrier(CONSOLES);
		List<Future<HttpResponse<String>>> sent = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(CONSOLES)) {
			for (int i = 0; i < CONSOLES; i++) {
				sent.add(pool.submit(() -> {
					start.await();
					return this.fixture.get(path, Map.of());
				}));
			}
			List<HttpResponse<String>> answers = new ArrayList<>();
			for (Future<HttpResponse<String>> answer : sent) {
				answers.add(answer.get());
			}
			return answers;
		}
	}

	/**
	 * Counts each call of the console's Kafka client, then makes it.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class CountedKafkaCalls {

		@Bean
		static BeanPostProcessor countKafkaCalls() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (!(bean instanceof Admin admin)) {
						return bean;
					}
					return Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] { Admin.class },
							(proxy, method, arguments) -> {
								calls.computeIfAbsent(method.getName(), (called) -> new AtomicInteger())
									.incrementAndGet();
								try {
									return method.invoke(admin, arguments);
								}
								catch (InvocationTargetException ex) {
									throw ex.getCause();
								}
							});
				}

			};
		}

	}

}
