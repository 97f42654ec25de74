package vn.investledger.console.operations;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operations view's values and alarms, for {@code operations.html} and any watcher:
 * the same view the console's gauges report to Prometheus.
 */
@RestController
@RequestMapping("/api/console")
class OperationsController {

	private final OperationsMonitor monitor;

	OperationsController(OperationsMonitor monitor) {
		this.monitor = monitor;
	}

	/**
	 * The pipeline as of the newest sample: events in per unit per minute (now and at
	 * each sample of the window), refusals per unit and reason within the window, each
	 * consumer group's lag, the processor's group and the newest figure's age, and each
	 * check's alarm.
	 * @return the view; before the first sample every value is {@code null} and every
	 * check UNKNOWN
	 */
	@GetMapping("/operations")
	Operations operations() {
		return this.monitor.current();
	}

}
