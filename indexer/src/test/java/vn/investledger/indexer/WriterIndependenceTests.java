package vn.investledger.indexer;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The writer compiles and runs without the read side: no class, page or setting of the
 * console is on the indexer's class path, not even for its tests, so nothing the indexer
 * does can depend on it. (The build refuses the console as a dependency of the indexer
 * too: see the enforcer rule in {@code indexer/pom.xml}.)
 */
class WriterIndependenceTests {

	@Test
	void shouldHaveNothingOfTheConsoleOnItsClassPath() throws IOException {
		ClassLoader classes = getClass().getClassLoader();

		assertThat(resources(classes, "vn/investledger/console")).isEmpty();
		assertThat(resources(classes, "console.yml")).isEmpty();
		assertThat(resources(classes, "static/console.js")).isEmpty();
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("vn.investledger.console.ConsoleApplication", false, classes));
	}

	@Test
	void shouldFindWhatItSharesWithTheConsoleInTheContractAndAccessModulesOnly() throws Exception {
		ClassLoader classes = getClass().getClassLoader();

		assertThat(location(classes, "vn.investledger.index.Indices")).contains("index-contract");
		assertThat(location(classes, "vn.investledger.access.ServiceSecurity")).contains("access");
		assertThat(resources(classes, "elasticsearch/totals.json")).hasSize(1)
			.allSatisfy((url) -> assertThat(url.toString()).contains("index-contract"));
	}

	private static List<URL> resources(ClassLoader classes, String name) throws IOException {
		return Collections.list(classes.getResources(name));
	}

	private static String location(ClassLoader classes, String name) throws ClassNotFoundException {
		return Class.forName(name, false, classes).getProtectionDomain().getCodeSource().getLocation().toString();
	}

}
