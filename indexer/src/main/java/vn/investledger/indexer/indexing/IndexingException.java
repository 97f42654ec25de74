package vn.investledger.indexer.indexing;

/**
 * Elasticsearch did not take a batch; the listener throws it so that the batch is retried
 * from its first record and its offsets are not committed.
 */
class IndexingException extends RuntimeException {

	IndexingException(String message) {
		super(message);
	}

	IndexingException(String message, Throwable cause) {
		super(message, cause);
	}

}
