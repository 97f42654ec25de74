package vn.investledger.console;

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
 * The console and its API on a random port, reading indices of the test class's own
 * prefix on the shared real Elasticsearch node, which its {@link ConsoleFixture} fills as
 * the indexer would. A test takes the fixture as a parameter (of its constructor, a test
 * or a lifecycle method).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=console", "investledger.live-figures.poll-interval=200ms" })
// each class has a context of its own prefix, which no other class can reuse: it is
// closed after the class, while the servers run, instead of polling them until the JVM
// exits
@DirtiesContext
@ExtendWith(RealServers.class)
@ExtendWith(ConsoleFixture.Extension.class)
@ContextCustomizerFactories(ConsoleFixture.Extension.class)
public @interface ConsoleTest {

}
