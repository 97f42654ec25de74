package vn.investledger.console.tables;

/**
 * The tables the figures and the history were recorded under could not be read: what
 * depends on their agreeing is not answered (503).
 */
public class TablesUnknownException extends RuntimeException {

	TablesUnknownException(String message, Throwable cause) {
		super(message, cause);
	}

}
