package vn.investledger.processor.intake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import vn.investledger.events.LicensingEvent;

/**
 * Events of one project that arrived before an earlier revision, waiting for it.
 *
 * @param events the held events with when each was first held (wall-clock milliseconds)
 */
record HeldEvents(List<Held> events) {

	HeldEvents {
		events = events.stream()
			.sorted(Comparator.comparingLong((held) -> held.event().envelope().revision()))
			.toList();
	}

	/** One held event. */
	record Held(LicensingEvent event, long heldSince) {
	}

	static HeldEvents none() {
		return new HeldEvents(List.of());
	}

	HeldEvents with(LicensingEvent event, long now) {
		List<Held> more = new ArrayList<>(this.events);
		more.add(new Held(event, now));
		return new HeldEvents(more);
	}

	HeldEvents without(long revision) {
		return new HeldEvents(
				this.events.stream().filter((held) -> held.event().envelope().revision() != revision).toList());
	}

	Held find(long revision) {
		return this.events.stream()
			.filter((held) -> held.event().envelope().revision() == revision)
			.findFirst()
			.orElse(null);
	}

	long oldest() {
		return this.events.stream().mapToLong(Held::heldSince).min().orElse(Long.MAX_VALUE);
	}

}
