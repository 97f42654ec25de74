package vn.investledger.console.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import vn.investledger.events.rulebook.Cuboid;
import vn.investledger.events.rulebook.Periods;
import vn.investledger.events.rulebook.ReportCalendar;
import vn.investledger.console.system.ConsoleProperties;

/**
 * The rulebook the figures follow, for the console and any reader: the cuboids and their
 * dimensions, the period grammar and the report calendar in force, with the newest
 * release it has closed. The console names cuboids only through it.
 */
@RestController
@RequestMapping("/api/console")
class RulebookController {

	private final ReportCalendar calendar;

	private final Clock clock;

	RulebookController(ConsoleProperties properties, Clock clock) {
		this.calendar = properties.calendar();
		this.clock = clock;
	}

	/**
	 * The rulebook.
	 * @return the cuboids by their constant's name, the period grammar, the calendar and
	 * the newest closed release
	 */
	@GetMapping("/rulebook")
	Rulebook rulebook() {
		Map<String, CuboidEntry> cuboids = new LinkedHashMap<>();
		for (Cuboid cuboid : Cuboid.values()) {
			cuboids.put(cuboid.name(), new CuboidEntry(cuboid.id(),
					cuboid.dimensions().stream().map(Cuboid.Dimension::figureKey).toList()));
		}
		return new Rulebook(cuboids, Periods.GRAMMAR, this.calendar.rules(),
				this.calendar.lastClosedRelease(LocalDate.now(this.clock)));
	}

	/**
	 * The rulebook as served.
	 *
	 * @param cuboids each cuboid by its constant's name
	 * @param periods the period grammar (a regular expression)
	 * @param calendar the report calendar's rules, oldest first
	 * @param lastClosedMonth the newest release whose cut-off day has passed: the newest
	 * month a report is served for
	 */
	record Rulebook(Map<String, CuboidEntry> cuboids, String periods, List<ReportCalendar.Rule> calendar,
			YearMonth lastClosedMonth) {
	}

	/**
	 * A cuboid as served.
	 *
	 * @param id its name in figures' keys
	 * @param dimensions the dimensions its figures name
	 */
	record CuboidEntry(String id, List<String> dimensions) {
	}

}
