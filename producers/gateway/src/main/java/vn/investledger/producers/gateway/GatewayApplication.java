package vn.investledger.producers.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * The HTTP ingestion gateway: province systems that cannot speak Kafka post their events
 * here; each authenticated province writes only its own topic.
 * <p>
 * It has no user accounts: provinces sign in with their API keys, Prometheus as the
 * metrics scraper. Boot's generated default user would only be a password in the log that
 * nothing accepts, so it is left out.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class GatewayApplication {

	/**
	 * The name of this service's configuration file, {@value}.yml, distinct so that
	 * services can share a JVM.
	 */
	public static final String CONFIG_NAME = "gateway";

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * The application as every launcher starts it.
	 * @return a builder to run
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=" + CONFIG_NAME);
	}

}
