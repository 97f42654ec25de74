package vn.investledger.indexer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextCustomizerFactories;

import vn.investledger.testsupport.RealServers;

/**
 * The indexer and its admin API on a random port, against the shared real Kafka broker
 * and Elasticsearch node, on topics and indices of the test class's own prefix. A test
 * takes the class's {@link IndexerFixture} as a parameter (of its constructor, a test or
 * a lifecycle method).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = IndexerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=indexer", "investledger.flush-interval=50ms" })
// each class has a context of its own prefix, which no other class can reuse: it is
// closed after the class, while the servers run, instead of polling them until the JVM
// exits
@DirtiesContext
@ExtendWith(RealServers.class)
@ExtendWith(IndexerFixture.Extension.class)
@ContextCustomizerFactories(IndexerFixture.Extension.class)
@interface IndexerTest {

}
