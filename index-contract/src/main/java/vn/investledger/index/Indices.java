package vn.investledger.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Index and alias names. Readers and writers use the aliases; each alias points at one
 * versioned index ({@code <alias>-v<n>}), created from the index template of its kind, so
 * that a rebuild can fill a new version and swap the alias. The indexer creates and
 * writes them; the console only reads them, through the aliases.
 *
 * @param prefix the prefix of every name
 */
public record Indices(String prefix) {

	/**
	 * The kinds of index, each with its template in {@code elasticsearch/<kind>.json}.
	 */
	public static final List<String> KINDS = List.of("projects", "history", "totals", "stock", "rejections");

	/**
	 * The settings and strict mappings of a kind of index,
	 * {@code elasticsearch/<kind>.json}: the fields the indexer writes and the console
	 * searches.
	 * @param kind one of {@link #KINDS}
	 * @return the definition, JSON with {@code settings} and {@code mappings}
	 */
	public static String definition(String kind) {
		if (!KINDS.contains(kind)) {
			throw new IllegalArgumentException("No index " + kind + "; one of " + KINDS);
		}
		try (InputStream definition = Indices.class.getResourceAsStream("/elasticsearch/" + kind + ".json")) {
			return new String(definition.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The alias of the projects index: one document per project, id = project code.
	 * @return the alias
	 */
	public String projects() {
		return alias("projects");
	}

	/**
	 * The alias of the history index: one document per applied event, id = project code
	 * and revision.
	 * @return the alias
	 */
	public String history() {
		return alias("history");
	}

	/**
	 * The alias of the rejections index: one document per refused record, id = where it
	 * came from.
	 * @return the alias
	 */
	public String rejections() {
		return alias("rejections");
	}

	/**
	 * The alias of the totals index: one document per flow figure, id = the totals key.
	 * @return the alias
	 */
	public String totals() {
		return alias("totals");
	}

	/**
	 * The alias of the stock index: one document per stock figure, id = the stock key.
	 * @return the alias
	 */
	public String stock() {
		return alias("stock");
	}

	/**
	 * The alias of a kind of index.
	 * @param kind one of {@link #KINDS}
	 * @return the alias
	 */
	public String alias(String kind) {
		return this.prefix + "-" + kind;
	}

	/**
	 * A versioned index behind an alias.
	 * @param alias the alias
	 * @param version the version
	 * @return the index name
	 */
	public String versioned(String alias, int version) {
		return alias + "-v" + version;
	}

	/**
	 * The version of a versioned index.
	 * @param index an index named by {@link #versioned}, or {@code null}
	 * @return its version, 0 for {@code null} or an unversioned name
	 */
	public static int versionOf(String index) {
		if (index == null) {
			return 0;
		}
		int at = index.lastIndexOf("-v");
		try {
			return (at >= 0) ? Integer.parseInt(index.substring(at + 2)) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
