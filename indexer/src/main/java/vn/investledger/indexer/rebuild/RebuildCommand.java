package vn.investledger.indexer.rebuild;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import vn.investledger.index.Indices;

/**
 * The rebuild command: {@code --investledger.rebuild=all} (or a comma-separated list of
 * {@code projects,history,totals,stock,rejections}) rebuilds those indices from the log,
 * beside the serving indexer, then exits with status 0, or 1 if a rebuild failed.
 */
@Component
@ConditionalOnProperty("investledger.rebuild")
class RebuildCommand implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(RebuildCommand.class);

	private final IndexRebuild rebuild;

	private final List<String> kinds;

	private final ConfigurableApplicationContext context;

	RebuildCommand(IndexRebuild rebuild, Environment environment, ConfigurableApplicationContext context) {
		this.rebuild = rebuild;
		this.context = context;
		this.kinds = kinds(environment.getRequiredProperty("investledger.rebuild"));
	}

	/**
	 * The indices a rebuild is asked for, in the order given.
	 * @param value {@code all}, or a comma-separated list of the indices' kinds, each
	 * named once
	 * @return the kinds
	 * @throws IllegalArgumentException if the value is empty, names a kind that is not
	 * one, leaves an entry empty or names a kind twice (each would be rebuilt twice, the
	 * first rebuild's index swapped out by the second's)
	 */
	static List<String> kinds(String value) {
		String all = "all, or some of " + String.join(",", Indices.KINDS);
		if (value.isBlank()) {
			throw new IllegalArgumentException("investledger.rebuild is empty: give " + all);
		}
		if ("all".equals(value.strip())) {
			return Indices.KINDS;
		}
		List<String> kinds = new ArrayList<>();
		for (String kind : value.split(",", -1)) {
			String name = kind.strip();
			if (name.isEmpty()) {
				throw new IllegalArgumentException(
						"investledger.rebuild: \"" + value + "\" has an empty entry: give " + all);
			}
			if (!Indices.KINDS.contains(name)) {
				throw new IllegalArgumentException("investledger.rebuild: \"" + name + "\" is not one of all, "
						+ String.join(", ", Indices.KINDS));
			}
			if (kinds.contains(name)) {
				throw new IllegalArgumentException("investledger.rebuild: \"" + name + "\" is named twice");
			}
			kinds.add(name);
		}
		return kinds;
	}

	@Override
	public void run(ApplicationArguments args) {
		int status = 0;
		for (String kind : this.kinds) {
			try {
				IndexRebuild.Result result = this.rebuild.rebuild(kind);
				logger.info("Rebuilt {}: {} records into {} in {} s ({} indexed)", kind, result.records(),
						result.current(), result.took().toMillis() / 1000.0, result.indexed());
			}
			catch (Exception ex) {
				logger.error("Rebuild of {} failed; its alias still points at the previous index", kind, ex);
				status = 1;
			}
		}
		int exit = status;
		System.exit(SpringApplication.exit(this.context, () -> exit));
	}

}
