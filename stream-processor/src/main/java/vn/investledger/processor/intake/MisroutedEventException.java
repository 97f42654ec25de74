package vn.investledger.processor.intake;

/**
 * A record's key is not its event's project code: the events of one project would not
 * meet in one task.
 */
class MisroutedEventException extends RuntimeException {

	MisroutedEventException(String key, String projectCode) {
		super("The record key \"" + key + "\" is not the event's project code \"" + projectCode + "\"");
	}

}
