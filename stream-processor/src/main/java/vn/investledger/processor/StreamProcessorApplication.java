package vn.investledger.processor;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

import vn.investledger.processor.replay.RecountEnd;
import vn.investledger.processor.system.AotCache;
import vn.investledger.processor.system.ProcessExit;

/**
 * The stream processor: reads every province's licensing events and keeps the running
 * totals, exactly once.
 * <p>
 * It has no user accounts: only Prometheus signs in, as the metrics scraper. Boot's
 * generated default user would only be a password in the log that nothing accepts, so it
 * is left out.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@EnableKafkaStreams
@ConfigurationPropertiesScan
public class StreamProcessorApplication {

	/**
	 * The name of this service's configuration file, {@value}.yml, distinct so that
	 * services can share a JVM.
	 */
	public static final String CONFIG_NAME = "stream-processor";

	public static void main(String[] args) {
		// a JVM started from an AOT cache of another build would run that build's classes
		AotCache.check();
		// an instance that stops itself exits with a code its supervisor restarts it on
		ProcessExit.standalone();
		// a recount's instance stops itself once it is complete or has failed: its exit
		// code says which
		RecountEnd.exitWhenEnded(application().run(args));
	}

	/**
	 * The application as every launcher starts it.
	 * @return a builder to run
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(StreamProcessorApplication.class)
			.properties("spring.config.name=" + CONFIG_NAME);
	}

}
