package vn.investledger.indexer.console;

import java.util.List;

import vn.investledger.indexer.documents.TotalDocument;

/**
 * Flow figures Elasticsearch has just acknowledged.
 *
 * @param figures the figures, newest value of each
 */
public record FiguresIndexed(List<TotalDocument> figures) {

}
