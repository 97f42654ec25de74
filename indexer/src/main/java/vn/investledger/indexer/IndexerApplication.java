package vn.investledger.indexer;

import java.util.Arrays;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The indexer: writes Elasticsearch from Kafka ({@code indexing}) and rebuilds its
 * indices from the log ({@code rebuild}). The officials' console and search API, which
 * read the indices, are a deployable of their own ({@code vn.investledger.console}); the
 * indexer depends on nothing of theirs.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IndexerApplication {

	/**
	 * The name of this service's configuration file, {@value}.yml, distinct so that
	 * services can share a JVM.
	 */
	public static final String CONFIG_NAME = "indexer";

	public static void main(String[] args) {
		SpringApplicationBuilder application = application();
		if (Arrays.stream(args).anyMatch((arg) -> arg.startsWith("--investledger.rebuild="))) {
			// a rebuild runs beside the serving indexer: no port of its own, no listeners
			application.web(WebApplicationType.NONE);
		}
		application.run(args);
	}

	/**
	 * The application as every launcher starts it.
	 * @return a builder to run
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(IndexerApplication.class).properties("spring.config.name=" + CONFIG_NAME);
	}

}
