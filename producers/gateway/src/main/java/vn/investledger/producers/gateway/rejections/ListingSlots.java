package vn.investledger.producers.gateway.rejections;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The listings that run at once: a few in all, fewer of one unit, so that listings'
 * buffers stay a small part of the heap and no unit takes every slot from the others.
 */
final class ListingSlots {

	private final Semaphore all;

	private final int perUnit;

	private final String unitBusy;

	private final String allBusy;

	private final Map<String, Semaphore> units = new ConcurrentHashMap<>();

	/**
	 * Slots of listings that read a unit's topic.
	 * @param all the most at once
	 * @param perUnit the most of one unit at once
	 */
	ListingSlots(int all, int perUnit) {
		this(all, perUnit, "Listings of unit %s's rejections are running, and a unit runs at most %d at once",
				"As many listings of rejections run as the gateway runs at once");
	}

	/**
	 * Slots of something else a unit's listings hold.
	 * @param all the most at once
	 * @param perUnit the most of one unit at once
	 * @param unitBusy why a unit is refused one: a format of the unit and {@code perUnit}
	 * @param allBusy why any unit is refused one
	 */
	ListingSlots(int all, int perUnit, String unitBusy, String allBusy) {
		this.all = new Semaphore(all);
		this.perUnit = perUnit;
		this.unitBusy = unitBusy;
		this.allBusy = allBusy;
	}

	/**
	 * A slot for a listing of the unit's, to close when it is done.
	 * @param unit the unit
	 * @return the slot
	 * @throws ListingsBusyException if none is free now
	 */
	Slot take(String unit) {
		Semaphore own = this.units.computeIfAbsent(unit, (u) -> new Semaphore(this.perUnit));
		if (!own.tryAcquire()) {
			throw new ListingsBusyException(
					String.format(this.unitBusy, unit, this.perUnit) + "; ask again after Retry-After");
		}
		if (!this.all.tryAcquire()) {
			own.release();
			throw new ListingsBusyException(this.allBusy + "; ask again after Retry-After");
		}
		return new Slot(own);
	}

	/**
	 * One running listing's slot.
	 */
	final class Slot implements AutoCloseable {

		private final Semaphore own;

		private boolean closed;

		private Slot(Semaphore own) {
			this.own = own;
		}

		@Override
		public void close() {
			if (!this.closed) {
				this.closed = true;
				ListingSlots.this.all.release();
				this.own.release();
			}
		}

	}

}
