package vn.investledger.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The officials' console and search API: searches projects, serves the figures, the
 * monthly report, the official releases and the exports, and pushes new figures to open
 * consoles, all read from the indices the indexer writes. It writes no index and no
 * record of the ledger, so it can be deployed and scaled apart from the indexer; its one
 * write is an admin's publication of a release, a record on the releases topic.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

	/**
	 * The name of this service's configuration file, {@value}.yml, distinct so that
	 * services can share a JVM.
	 */
	public static final String CONFIG_NAME = "console";

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * The application as every launcher starts it.
	 * @return a builder to run
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(ConsoleApplication.class).properties("spring.config.name=" + CONFIG_NAME);
	}

}
