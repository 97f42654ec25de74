package vn.investledger.processor.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import vn.investledger.access.KnownParameters;
import vn.investledger.access.MetricsScraperSecurity;

/**
 * Who may call the processor. Its Prometheus metrics are the metrics scraper's alone
 * ({@link MetricsScraperSecurity}): they describe every province's traffic. Everything
 * else stays as open as before: the figures API and the internal lookups serve the
 * processor's peers, the gateway and operators inside the platform's network, and health
 * and the OpenAPI document serve probes and readers. No other filter chain is declared,
 * so no other request meets one.
 */
@Configuration(proxyBeanMethods = false)
@Import({ MetricsScraperSecurity.class, KnownParameters.class })
class ProcessorSecurity {

}
