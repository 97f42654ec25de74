package vn.investledger.testsupport;

/**
 * A real Elasticsearch node that a test can use.
 *
 * @param url its HTTP address, e.g. {@code http://127.0.0.1:9200}
 */
public record ElasticsearchServer(String url) {

}
