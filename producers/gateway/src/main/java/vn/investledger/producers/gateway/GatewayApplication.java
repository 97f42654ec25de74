package vn.investledger.producers.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The HTTP ingestion gateway: province systems that cannot speak Kafka post their events
 * here; each authenticated province writes only its own topic.
 */
@SpringBootApplication
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
