package vn.investledger.console.tables;

/**
 * The tables the figures and the history were recorded under could not be read: what
 * depends on their agreeing is not answered (503).
 */
public class TablesUnknownException extends RuntimeException {

	private final boolean malformed;

	TablesUnknownException(String message, Throwable cause) {
		this(message, cause, false);
	}

	private TablesUnknownException(String message, Throwable cause, boolean malformed) {
		super(message, cause);
		this.malformed = malformed;
	}

	/**
	 * The rulebook topic was read, and one of the processor's records on it is not one
	 * the processor writes (written by hand, or by another version).
	 * @param message which record, and what is wrong with it
	 * @param cause the parser's failure, if any
	 * @return the exception
	 */
	static TablesUnknownException malformed(String message, Throwable cause) {
		return new TablesUnknownException(message, cause, true);
	}

	/**
	 * Whether the topic was read and a record on it is not the processor's: unlike a
	 * topic that cannot be read for a while, this lasts until the record is written
	 * again, and nothing the record guards can be told meanwhile.
	 * @return whether a record is malformed
	 */
	public boolean malformed() {
		return this.malformed;
	}

}
