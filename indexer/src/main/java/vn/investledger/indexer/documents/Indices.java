package vn.investledger.indexer.documents;

/**
 * Index and alias names. Readers and writers use the aliases; each alias points at one
 * versioned index, so that a rebuild can fill a new version and swap the alias.
 *
 * @param prefix the prefix of every name
 */
public record Indices(String prefix) {

	/** The version of the mappings this code writes. */
	public static final int VERSION = 1;

	/**
	 * The alias of the projects index: one document per project, id = project code.
	 * @return the alias
	 */
	public String projects() {
		return this.prefix + "-projects";
	}

	/**
	 * The alias of the totals index: one document per figure, id = the totals key.
	 * @return the alias
	 */
	public String totals() {
		return this.prefix + "-totals";
	}

	public String versioned(String alias) {
		return alias + "-v" + VERSION;
	}

}
