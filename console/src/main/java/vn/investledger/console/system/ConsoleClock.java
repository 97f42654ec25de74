package vn.investledger.console.system;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console's clock, in Vietnam's time: a report month's cut-off day passes at midnight
 * in Hà Nội, whatever zone the server runs in.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleClock {

	/** Where the cut-off days are counted. */
	static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.system(VIETNAM);
	}

}
