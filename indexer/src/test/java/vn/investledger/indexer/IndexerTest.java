package vn.investledger.indexer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;

import vn.investledger.testsupport.RealServers;

/**
 * The indexer and its API on a random port, against the shared real Kafka broker and
 * Elasticsearch node. The test class points it at its own prefixes with
 * {@link IndexerFixture#register}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = IndexerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=indexer", "investledger.flush-interval=50ms" })
@ExtendWith(RealServers.class)
@interface IndexerTest {

}
