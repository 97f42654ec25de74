package vn.investledger.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.investledger.events.reference.Provinces;

import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The platform's one password generator, as docker/ runs it ({@code cluster-setup
 * credentials} and {@code cluster-setup metrics-scraper}): a random password per Kafka
 * principal, only its owner reads it, kept on later runs, replaced only when rotated,
 * admin's never lost; each service handed its own; Prometheus's password written once,
 * the services given only its SHA-256.
 */
class CredentialsCommandTests {

	/** 32 bytes, as 64 hex digits. */
	private static final String PASSWORD = "[0-9a-f]{64}";

	@TempDir
	Path temp;

	@Nested
	class KafkaPasswords {

		@Test
		void shouldWriteOneRandomPasswordPerPrincipalThatOnlyItsOwnerReads() throws Exception {
			Path store = CredentialsCommandTests.this.temp.resolve("kafka");

			String output = run("credentials", "--credentials", store.toString());

			Map<String, String> passwords = passwords(store);
			// admin, controller, the four services and the 34 units in force
			assertThat(passwords).containsOnlyKeys(expectedFiles()).hasSize(40);
			assertThat(passwords.values()).allSatisfy((password) -> assertThat(password).matches(PASSWORD));
			assertThat(new HashSet<>(passwords.values())).as("all distinct").hasSize(passwords.size());
			for (String file : passwords.keySet()) {
				assertThat(Files.getPosixFilePermissions(store.resolve(file))).as(file)
					.containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
			}
			assertThat(output).contains("40 principals", "written now: admin controller");
		}

		@Test
		void shouldKeepEveryPasswordOnTheNextRunAndWriteOnlyADeletedOneAgain() throws Exception {
			Path store = CredentialsCommandTests.this.temp.resolve("kafka");
			run("credentials", "--credentials", store.toString());
			Map<String, String> first = passwords(store);
			Map<String, FileTime> written = modified(store);

			String second = run("credentials", "--credentials", store.toString());
			Map<String, String> afterSecond = passwords(store);
			Files.delete(store.resolve("province-31.password"));
			String third = run("credentials", "--credentials", store.toString());
			Map<String, String> afterThird = passwords(store);

			assertThat(second).contains("written now: none");
			assertThat(afterSecond).isEqualTo(first);
			assertThat(modified(store)).containsAllEntriesOf(withoutKey(written, "province-31.password"));
			assertThat(third).contains("written now: province-31");
			assertThat(afterThird.get("province-31.password")).matches(PASSWORD)
				.isNotEqualTo(first.get("province-31.password"));
			assertThat(withoutKey(afterThird, "province-31.password"))
				.isEqualTo(withoutKey(first, "province-31.password"));
		}

		@Test
		void shouldRotateOnePrincipalAndKeepAdminsPreviousPasswordUntilApplyHasUsedIt() throws Exception {
			Path store = CredentialsCommandTests.this.temp.resolve("kafka");
			run("credentials", "--credentials", store.toString());
			Map<String, String> first = passwords(store);

			run("credentials", "--credentials", store.toString(), "--rotate", "gateway");
			Map<String, String> afterGateway = passwords(store);
			run("credentials", "--credentials", store.toString(), "--rotate", "admin");
			Map<String, String> afterAdmin = passwords(store);

			assertThat(afterGateway.get("gateway.password")).matches(PASSWORD)
				.isNotEqualTo(first.get("gateway.password"));
			assertThat(withoutKey(afterGateway, "gateway.password")).isEqualTo(withoutKey(first, "gateway.password"));
			assertThat(afterAdmin.get("admin.password")).matches(PASSWORD).isNotEqualTo(first.get("admin.password"));
			assertThat(afterAdmin.get("admin.password.previous")).isEqualTo(first.get("admin.password"));
			// a second rotation would lose the password the cluster still knows
			assertThatIllegalStateException()
				.isThrownBy(() -> run("credentials", "--credentials", store.toString(), "--rotate", "admin"))
				.withMessageContaining("before rotating admin again");
			assertThat(passwords(store)).isEqualTo(afterAdmin);
		}

		@Test
		void shouldRefuseToReplaceAMissingAdminPasswordThatTheBrokersWereFormattedWith() throws Exception {
			Path store = CredentialsCommandTests.this.temp.resolve("kafka");
			run("credentials", "--credentials", store.toString());
			Files.delete(store.resolve("admin.password"));

			assertThatIllegalStateException().isThrownBy(() -> run("credentials", "--credentials", store.toString()))
				.withMessageContaining("admin.password is missing while other passwords exist");
			assertThat(store.resolve("admin.password")).doesNotExist();
		}

		/**
		 * An empty password file is a write cut short, not a missing password: making a
		 * new one would lock out whoever holds the old.
		 */
		@Test
		void shouldRefuseAnEmptyPasswordFileRatherThanReplaceIt() throws Exception {
			Path store = CredentialsCommandTests.this.temp.resolve("kafka");
			run("credentials", "--credentials", store.toString());
			Files.writeString(store.resolve("province-31.password"), "\n");

			assertThatIllegalStateException().isThrownBy(() -> run("credentials", "--credentials", store.toString()))
				.withMessageContaining("province-31.password is empty")
				.withMessageContaining("restore it");
			assertThat(Files.readString(store.resolve("province-31.password"))).isEqualTo("\n");
		}

		@Test
		void shouldRefuseToRotateSomeoneElse() {
			Path store = CredentialsCommandTests.this.temp.resolve("kafka");

			assertThatIllegalArgumentException()
				.isThrownBy(() -> run("credentials", "--credentials", store.toString(), "--rotate", "province-99"))
				.withMessageContaining("province-99");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> run("credentials", "--credentials", store.toString(), "--rotate"));
		}

		@Test
		void shouldGiveEachServiceItsOwnPasswordOnlyItsUserReads() throws Exception {
			Path store = CredentialsCommandTests.this.temp.resolve("kafka");
			Path services = CredentialsCommandTests.this.temp.resolve("services");
			List<String> own = List.of("admin", "stream-processor", "indexer", "gateway", "console");
			for (String principal : own) {
				Files.createDirectories(services.resolve(principal));
			}
			int uid = (Integer) Files.getAttribute(CredentialsCommandTests.this.temp, "unix:uid");

			run("credentials", "--credentials", store.toString(), "--publish", services.toString(), "--owner",
					String.valueOf(uid), "--admin-owner", String.valueOf(uid));

			Map<String, String> passwords = passwords(store);
			for (String principal : own) {
				Path published = services.resolve(principal).resolve("password");
				assertThat(published).as(principal).hasContent(passwords.get(principal + ".password"));
				assertThat(Files.getPosixFilePermissions(published)).as(principal).containsExactly(OWNER_READ);
				assertThat(Files.getAttribute(published, "unix:uid")).as(principal).isEqualTo(uid);
				try (Stream<Path> files = Files.list(services.resolve(principal))) {
					assertThat(files).as("nothing but its own password").containsExactly(published);
				}
			}
		}

		@Test
		void shouldRefuseToPublishWhereThereIsNoVolume() {
			Path store = CredentialsCommandTests.this.temp.resolve("kafka");

			assertThatIllegalStateException()
				.isThrownBy(() -> run("credentials", "--credentials", store.toString(), "--publish",
						CredentialsCommandTests.this.temp.resolve("nowhere").toString(), "--owner", "0",
						"--admin-owner", "0"))
				.withMessageContaining("for admin");
		}

	}

	@Nested
	class MetricsScraperPassword {

		@Test
		void shouldWriteThePasswordOnceAndItsSha256ForTheServices() throws Exception {
			Path prometheus = CredentialsCommandTests.this.temp.resolve("prometheus/password");
			Path services = CredentialsCommandTests.this.temp.resolve("services/sha256");
			Files.createDirectories(prometheus.getParent());
			Files.createDirectories(services.getParent());
			String uid = String.valueOf(Files.getAttribute(CredentialsCommandTests.this.temp, "unix:uid"));
			String[] command = { "metrics-scraper", "--password-file", prometheus.toString(), "--owner", uid,
					"--sha256-file", services.toString(), "--sha256-owner", uid };

			String first = run(command);
			String password = Files.readString(prometheus);
			String second = run(command);

			assertThat(password).matches(PASSWORD);
			assertThat(prometheus).as("kept on the next run").hasContent(password);
			assertThat(first).contains("A new metrics scraper's password");
			assertThat(second).contains("is kept");
			assertThat(Files.getPosixFilePermissions(prometheus)).containsExactly(OWNER_READ);
			// printf '%s' <password> | sha256sum
			assertThat(services).hasContent(ScraperPassword.sha256Hex(password)).content().doesNotContain(password);
			assertThat(Files.getPosixFilePermissions(services)).containsExactly(OWNER_READ);
		}

		@Test
		void shouldReplaceThePasswordOnlyWhenRotated() throws Exception {
			Path prometheus = CredentialsCommandTests.this.temp.resolve("password");
			Path services = CredentialsCommandTests.this.temp.resolve("sha256");
			String uid = String.valueOf(Files.getAttribute(CredentialsCommandTests.this.temp, "unix:uid"));
			run("metrics-scraper", "--password-file", prometheus.toString(), "--sha256-file", services.toString(),
					"--sha256-owner", uid);
			String before = Files.readString(prometheus);

			run("metrics-scraper", "--password-file", prometheus.toString(), "--sha256-file", services.toString(),
					"--sha256-owner", uid, "--rotate");

			String after = Files.readString(prometheus);
			assertThat(after).matches(PASSWORD).isNotEqualTo(before);
			assertThat(services).hasContent(ScraperPassword.sha256Hex(after));
		}

		@Test
		void shouldHashAsSha256sumDoes() {
			// printf '%s' abc | sha256sum
			assertThat(ScraperPassword.sha256Hex("abc"))
				.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		}

	}

	private static String run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ClusterSetup.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
		return out.toString(StandardCharsets.UTF_8);
	}

	/** Every file of the store with its content. */
	private static Map<String, String> passwords(Path store) throws IOException {
		Map<String, String> passwords = new TreeMap<>();
		try (Stream<Path> files = Files.list(store)) {
			for (Path file : files.toList()) {
				passwords.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.US_ASCII));
			}
		}
		return passwords;
	}

	private static Map<String, FileTime> modified(Path store) throws IOException {
		Map<String, FileTime> modified = new TreeMap<>();
		try (Stream<Path> files = Files.list(store)) {
			for (Path file : files.toList()) {
				modified.put(file.getFileName().toString(), Files.getLastModifiedTime(file));
			}
		}
		return modified;
	}

	private static <V> Map<String, V> withoutKey(Map<String, V> map, String key) {
		Map<String, V> copy = new TreeMap<>(map);
		copy.remove(key);
		return copy;
	}

	/** The units with an empty valid_to in the reference data, and the platform's own. */
	private static List<String> expectedFiles() {
		List<String> files = new ArrayList<>();
		for (String principal : List.of("admin", "controller", "stream-processor", "indexer", "gateway", "console")) {
			files.add(principal + ".password");
		}
		Provinces.standard()
			.all()
			.stream()
			.filter((unit) -> unit.validTo() == null)
			.forEach((unit) -> files.add("province-" + unit.code() + ".password"));
		return files;
	}

}
