package vn.investledger.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The storage format's arguments, which hold the admin's password, reach the tool through
 * a Java launcher argument file: whatever they hold, the tool receives exactly them.
 */
class ArgumentFileTests {

	@Property(tries = 12)
	void shouldPassEveryArgumentUnchanged(@ForAll("arguments") List<String> arguments) throws Exception {
		Path dir = Files.createTempDirectory("argument-file");
		try {
			assertEchoed(dir, arguments);
		}
		finally {
			Workspace.deleteTree(dir);
		}
	}

	private static void assertEchoed(Path dir, List<String> arguments) throws Exception {
		Path file = dir.resolve("tool.args");
		Path echoed = dir.resolve("echoed");
		List<String> withMain = new ArrayList<>(List.of(ArgumentEcho.class.getName(), echoed.toString()));
		withMain.addAll(arguments);
		Files.writeString(file, LocalKafka.argumentFile(withMain), StandardCharsets.UTF_8);

		Process java = new ProcessBuilder(Jdk.find().java().toString(), "-cp", System.getProperty("java.class.path"),
				"@" + file)
			.redirectErrorStream(true)
			.start();
		String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();

		assertThat(java.exitValue()).as(output).isZero();
		List<String> received = Files.readString(echoed, StandardCharsets.UTF_8)
			.lines()
			.map((line) -> new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8))
			.toList();
		assertThat(received).isEqualTo(arguments);
	}

	@Test
	void shouldRefuseAnArgumentThatSpansLines() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalKafka.argumentFile(List.of("a\nb")))
			.withMessageContaining("span lines");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalKafka.argumentFile(List.of("a\rb")));
	}

	@Provide
	Arbitrary<List<String>> arguments() {
		Arbitrary<String> tricky = Arbitraries.strings()
			.withChars("\\\"' \t#@=[],$`*?")
			.withChars("aZ09")
			.withChars("ăâđêôơưáàảãạỹ")
			.ofMinLength(1)
			.ofMaxLength(40);
		Arbitrary<String> any = Arbitraries.strings()
			.all()
			.excludeChars('\n', '\r', '\0')
			.ofMinLength(1)
			.ofMaxLength(30)
			.filter((text) -> text.chars().noneMatch((c) -> Character.isSurrogate((char) c)));
		return Arbitraries.oneOf(tricky, any, Arbitraries.just("SCRAM-SHA-512=[name=admin,password=\"p\\\\w d\"]"))
			.list()
			.ofMinSize(1)
			.ofMaxSize(60);
	}

}
