package vn.investledger.events;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Every bound of the contract, defined once. The gateway, the publisher, the importer and
 * the processor read them here, and the JSON Schemas, against which every event is
 * validated, state the same numbers ({@code JsonSchemaTests} checks that they do); past a
 * bound an event is refused with a reason that names it, never truncated, rounded or
 * skipped. Each bound says why it is where it is.
 */
public final class Limits {

	/**
	 * The largest event, as published (UTF-8 JSON): 32 KiB. A licence with 50 investors
	 * whose names are 300 Vietnamese characters (3 bytes each in UTF-8) would be 45 KB,
	 * but a real licence is about 1 KB; 32 KiB keeps 16 held events of a project within
	 * one state-store record of 1 MB.
	 */
	public static final int MAX_EVENT_BYTES = 32 * 1024;

	/**
	 * The longest project code: 64 characters. Today's codes have 10 digits, the legacy
	 * certificate and licence numbers ("…/GP-KCN-HP") about 25; the code is also the
	 * Kafka key and the Elasticsearch id, which may not exceed 512 bytes.
	 */
	public static final int MAX_PROJECT_CODE_LENGTH = 64;

	/**
	 * The longest identifier of a document: IRC number, decision number (64 characters).
	 */
	public static final int MAX_DOCUMENT_NUMBER_LENGTH = 64;

	/** The longest project or enterprise name: 500 characters. */
	public static final int MAX_NAME_LENGTH = 500;

	/** The longest investor name: 300 characters. */
	public static final int MAX_INVESTOR_NAME_LENGTH = 300;

	/** The most investors on one event: 50 (real certificates name one to a dozen). */
	public static final int MAX_INVESTORS = 50;

	/** The longest free-text reason of a suspension or resumption: 1,000 characters. */
	public static final int MAX_REASON_LENGTH = 1000;

	/**
	 * The highest revision of a project: 10,000. A project's life has a licence, some
	 * dozens of adjustments and contributions, and disbursements; 10,000 is a monthly
	 * event for 800 years. It bounds the revisions the processor remembers per project.
	 */
	public static final long MAX_REVISION = 10_000;

	/**
	 * How far ahead of a project's highest applied revision an event may be: 100. A
	 * province that lost some events resends them; an event 300,000 revisions ahead is a
	 * typo, and holding it would make the project's state grow without bound.
	 */
	public static final long MAX_REVISION_JUMP = 100;

	/**
	 * How many of a project's events may wait for an earlier revision at once: 16 (so
	 * that they fit one state-store record of 1 MB with {@link #MAX_EVENT_BYTES} each).
	 */
	public static final int MAX_HELD_EVENTS = 16;

	/**
	 * How many of one unit's events may wait for an earlier revision at once in one
	 * partition of the ledger: 1,000 (6,000 over the event topics' 6 partitions). A
	 * unit's system resends what it lost within minutes; more waiting events are a fault
	 * that would fill the processor's store.
	 */
	public static final int MAX_HELD_EVENTS_PER_UNIT = 1000;

	/**
	 * The largest FDI amount of one event: US$100 billion (10¹³ cents), ten times the
	 * largest single FDI project licensed in Vietnam (about US$10–11 billion).
	 */
	public static final long MAX_USD_MINOR_UNITS = 10_000_000_000_000L;

	/**
	 * The largest DDI amount of one event: 2,500,000 tỷ đồng (2.5 × 10¹⁵ đồng, about
	 * US$100 billion), ten times the largest domestic projects.
	 */
	public static final long MAX_VND_MINOR_UNITS = 2_500_000_000_000_000L;

	/**
	 * The earliest effective date and emission: the Law on Foreign Investment in Vietnam
	 * of 29 December 1987, before which no project of this ledger was licensed.
	 */
	public static final LocalDate EARLIEST_DATE = LocalDate.of(Limits.EARLIEST_YEAR, 12, 29);

	/**
	 * The year of {@link #EARLIEST_DATE}: the earliest year a figure, a report or a
	 * release can be asked for.
	 */
	public static final int EARLIEST_YEAR = 1987;

	/**
	 * The latest year a figure can be asked for, as the period grammar says
	 * ({@link vn.investledger.events.rulebook.Periods#GRAMMAR}): no event can be dated
	 * later, so a later year is a question no figure answers (400), never a zero.
	 */
	public static final int LATEST_YEAR = 2100;

	/**
	 * How far after receipt an effective date may lie: 31 days (a decision recorded a few
	 * days before the date it names). A date years ahead is a typo that would open a
	 * period nobody reports.
	 */
	public static final int MAX_EFFECTIVE_DAYS_AHEAD = 31;

	/**
	 * How far an emission time may lie after receipt: 5 minutes of clock skew. A later
	 * one would move every figure's "as of" into the future.
	 */
	public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

	/** The longest suspension an event may plan: 10 years after its effective date. */
	public static final int MAX_SUSPENSION_YEARS = 10;

	/** The largest land area of one project: 100,000 ha, with at most 4 decimals. */
	public static final long MAX_LAND_AREA_HA = 100_000;

	/** The most decimals of a land area (1 m² is 0.0001 ha). */
	public static final int LAND_AREA_SCALE = 4;

	/** The largest planned employment of one project: 1,000,000 workers. */
	public static final int MAX_EMPLOYMENT = 1_000_000;

	/** The longest duration of a project: 99 years (the law allows up to 70). */
	public static final int MAX_DURATION_YEARS = 99;

	/**
	 * The largest exponent of a number in an event, either way: its decimal scale lies
	 * within ±64. A land area has at most 4 decimals; {@code 1e-999999999} is 12
	 * characters and would take a billion to write out, or a sum of land areas minutes to
	 * work out, so it is refused as it is read.
	 */
	public static final int MAX_NUMBER_SCALE = 64;

	/** The deepest JSON nesting an event may have (its own shape needs 3). */
	public static final int MAX_JSON_DEPTH = 16;

	/** Dates are Vietnam's: a day starts at 00:00 in Asia/Ho_Chi_Minh. */
	public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

	private Limits() {
	}

	/**
	 * The largest amount one event may carry in a currency.
	 * @param currency the currency
	 * @return minor units
	 */
	public static long maxMinorUnits(Currency currency) {
		return switch (currency) {
			case USD -> MAX_USD_MINOR_UNITS;
			case VND -> MAX_VND_MINOR_UNITS;
		};
	}

}
