package vn.investledger.producers.gateway.system;

import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads the gateway's requests run on: a virtual thread each, on Java 24 or newer
 * ({@code investledger.virtual-request-threads}, true unless set), so that requests whose
 * bodies arrive slowly or stall (a unit's upload over a poor line, or a client without a
 * key sending its body a byte at a time while Tomcat reads it to answer 401) hold no
 * thread of a fixed pool: with Tomcat's 200 platform threads, 13 units' 16 stalled
 * requests each, or 200 stalled requests of anyone, left none to serve the others.
 * <p>
 * Tomcat waits for a body's bytes with {@code Object.wait}, which before Java 24 (JEP
 * 491) keeps a virtual thread on its carrier: the scheduler then adds carriers, up to
 * 256, so virtual threads would bound stalled uploads at about what the pool does. Before
 * Java 24 the gateway keeps Tomcat's pool and says so at start.
 * <p>
 * What bounds the requests handled at once is then the connections Tomcat takes
 * ({@code server.tomcat.max-connections}, set in gateway.yml): each stalled upload holds
 * about 106 KiB of heap (Tomcat's buffers and the thread), measured.
 */
@Configuration(proxyBeanMethods = false)
public class RequestThreads {

	/**
	 * The first Java release whose {@code Object.wait} frees a virtual thread's carrier.
	 */
	static final int UNPINNED_WAITS = 24;

	private static final Logger logger = LoggerFactory.getLogger(RequestThreads.class);

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> virtualRequestThreads(
			@Value("${investledger.virtual-request-threads:true}") boolean enabled,
			@Value("${spring.threads.virtual.enabled:false}") boolean springVirtual) {
		return (factory) -> {
			int java = Runtime.version().feature();
			if (springVirtual && (!enabled || java < UNPINNED_WAITS)) {
				logger.warn("spring.threads.virtual.enabled=true runs the requests on virtual threads on Java {} "
						+ "whatever investledger.virtual-request-threads says: leave it unset", java);
			}
			if (!enabled) {
				logger.info("Requests run on Tomcat's pool of request threads (investledger.virtual-request-threads"
						+ "=false): each slow or stalled upload holds one of them");
			}
			else if (java < UNPINNED_WAITS) {
				logger.warn("Requests run on Tomcat's pool of request threads, not on virtual threads: Java {} keeps a "
						+ "virtual thread waiting for a body's bytes on its carrier, so each slow or stalled upload "
						+ "holds one of the pool's threads. Run the gateway on Java {} or newer", java, UNPINNED_WAITS);
			}
			else {
				factory.addProtocolHandlerCustomizers(
						(protocol) -> protocol.setExecutor(new VirtualThreadExecutor("gateway-request-")));
				logger.info("Requests run on virtual threads, a slow or stalled upload holding no thread of a pool");
			}
		};
	}

	/**
	 * Whether this JVM runs the gateway's requests on virtual threads when they are
	 * enabled.
	 * @return whether it can
	 */
	public static boolean available() {
		return Runtime.version().feature() >= UNPINNED_WAITS;
	}

}
