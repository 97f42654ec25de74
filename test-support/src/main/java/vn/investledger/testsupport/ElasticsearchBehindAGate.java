package vn.investledger.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The application under test of a class reaches the shared Elasticsearch node through a
 * {@link TcpGate} of the class's own, which the class can shut to take Elasticsearch away
 * from it alone (the node goes on serving the other classes, which run beside it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ElasticsearchBehindAGate {

}
