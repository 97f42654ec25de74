package vn.investledger.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class JdkTests {

	@Test
	void shouldReadTheFeatureVersionOfAJdk(@TempDir Path dir) throws Exception {
		Path seventeen = fakeJdk(dir.resolve("jdk17"), "17.0.15");
		Path twentyFive = fakeJdk(dir.resolve("jdk25"), "25.0.1");

		assertThat(Jdk.at(seventeen)).hasValueSatisfying((jdk) -> assertThat(jdk.feature()).isEqualTo(17));
		assertThat(Jdk.at(twentyFive)).hasValueSatisfying((jdk) -> assertThat(jdk.feature()).isEqualTo(25));
	}

	@Test
	void shouldIgnoreADirectoryThatIsNoJdk(@TempDir Path dir) {
		assertThat(Jdk.at(dir)).isEmpty();
	}

	@Test
	void shouldFindANewEnoughJdk() {
		Jdk jdk = Jdk.find();

		assertThat(jdk.feature()).isGreaterThanOrEqualTo(Jdk.MINIMUM);
		assertThat(Files.isExecutable(jdk.java())).isTrue();
	}

	private static Path fakeJdk(Path home, String version) throws Exception {
		Files.createDirectories(home.resolve("bin"));
		Path java = Files.createFile(home.resolve("bin").resolve("java"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
		return home;
	}

}
