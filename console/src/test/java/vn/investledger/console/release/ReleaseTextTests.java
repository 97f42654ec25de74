package vn.investledger.console.release;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import vn.investledger.console.release.Release.Paragraph;
import vn.investledger.console.release.ReleaseOracle.Expected;
import vn.investledger.events.Currency;
import vn.investledger.events.InvestmentType;
import vn.investledger.events.rulebook.ReportCalendar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release's text: every number of every sentence, in Vietnamese and in English, is
 * the number an independent recomputation from the generated events gives
 * ({@link ReleaseOracle}), written by the display rule as the README states it and as
 * this test implements it on its own (with {@link DecimalFormat}): the totals and their
 * changes on a year earlier, "gấp … lần" past +100 %, the contributions split, realised
 * capital, the rankings with their shares and "the other sectors", and the stock. A year
 * whose comparison period has no event says so in words.
 */
class ReleaseTextTests {

	private static final ReportCalendar CALENDAR = ReportCalendar.standard();

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:[.,]\\d+)*");

	/**
	 * A case the property found: the same period a year earlier had capital decreases
	 * that outweighed its increases by less than US$50,000, which the text writes as
	 * "&gt; -0,1 triệu USD".
	 */
	@Example
	void shouldStateATinyNegativeAmountOfAYearEarlierWithItsSign() {
		for (boolean emptyComparison : new boolean[] { false, true }) {
			for (int sizes = 1; sizes <= 8; sizes++) {
				shouldStateInEverySentenceTheNumbersOfAnIndependentRecomputation(-1216789L, 2023, 3, emptyComparison,
						sizes);
			}
		}
	}

	@Property(tries = 60)
	void shouldStateInEverySentenceTheNumbersOfAnIndependentRecomputation(@ForAll long seed,
			@ForAll @IntRange(min = 2021, max = 2026) int year, @ForAll @IntRange(min = 1, max = 12) int monthValue,
			@ForAll boolean emptyComparison, @ForAll @IntRange(min = 1, max = 8) int sizes) {
		YearMonth month = YearMonth.of(year, monthValue);
		GeneratedLedger ledger = GeneratedLedger.generate(new Random(seed), month, 50, emptyComparison);
		ReleaseFold fold = folded(ledger, month);
		Release.Sizes ranked = new Release.Sizes(sizes, sizes, sizes);
		for (InvestmentType type : InvestmentType.values()) {
			Release release = ReleaseWriter.write(fold.figures().get(0).get(type), month, CALENDAR, null, ranked);
			Expected expected = ReleaseOracle.expected(ledger, month, null, type);
			for (Language language : Language.values()) {
				Map<String, List<String>> numbers = new Numbers(language, type, CALENDAR.cutOff(month),
						CALENDAR.cutOff(month.minusYears(1)), expected, sizes)
					.byParagraph();
				List<String> keys = release.text().stream().map(Paragraph::key).toList();
				assertThat(keys).as("seed %d %s %s", seed, month, type).isEqualTo(List.copyOf(numbers.keySet()));
				for (Paragraph paragraph : release.text()) {
					String text = (language == Language.VI) ? paragraph.vi() : paragraph.en();
					assertThat(numbersIn(text)).as("seed %d %s %s: %s", seed, month, type, text)
						.isEqualTo(numbers.get(paragraph.key()));
				}
			}
			// the ranks: the lines named, in the recomputation's order, and in the text
			// in that order
			assertRanked(release.tables().countries(), expected.countries(), sizes, release, "countries");
			assertRanked(release.tables().provinces(), expected.provinces(), sizes, release, "provinces");
			assertRanked(release.tables().sectors(), expected.sectors(), sizes, release, "sectors");
			if (emptyComparison && expected.current()[1] + expected.current()[3] + expected.current()[5] > 0) {
				Paragraph headline = release.text().get(0);
				assertThat(headline.vi()).contains("cùng kỳ năm trước không có vốn đăng ký").doesNotContain("%");
				assertThat(headline.en()).contains("with no registered capital in the same period last year")
					.doesNotContain("%");
			}
		}
	}

	/**
	 * A publication keeps the release's JSON, and the release as first published is read
	 * back from it (for its CSV and xlsx): read and written again, any release gives the
	 * same bytes, whose hash is the one published.
	 */
	@Property(tries = 30)
	void shouldReadBackAReleaseFromItsJsonAsTheSameBytes(@ForAll long seed,
			@ForAll @IntRange(min = 2021, max = 2026) int year, @ForAll @IntRange(min = 1, max = 12) int monthValue,
			@ForAll boolean emptyComparison, @ForAll @IntRange(min = 1, max = 8) int sizes) {
		YearMonth month = YearMonth.of(year, monthValue);
		GeneratedLedger ledger = GeneratedLedger.generate(new Random(seed), month, 50, emptyComparison);
		ReleaseFold fold = folded(ledger, month);
		for (InvestmentType type : InvestmentType.values()) {
			Release release = ReleaseWriter.write(fold.figures().get(0).get(type), month, CALENDAR,
					java.time.Instant.parse("2026-01-05T03:00:00.250Z"), new Release.Sizes(sizes, sizes, sizes));
			byte[] json = Releases.json(release);

			Release read = Releases.read(json, Release.class);

			assertThat(read).as("seed %d %s %s", seed, month, type).isEqualTo(release);
			assertThat(new String(Releases.json(read), java.nio.charset.StandardCharsets.UTF_8))
				.isEqualTo(new String(json, java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	/**
	 * A publication recorded before publications kept their JSON is served as the release
	 * regenerated at its instant, if that hashes as published: as this version writes it,
	 * or as the writer before the {@code scope} paragraph did; else refused.
	 */
	@Property(tries = 10)
	void shouldServeAPublicationWithoutItsJsonAsTheWriterOfItsDayWroteIt(@ForAll long seed) {
		YearMonth month = YearMonth.of(2025, 10);
		ReleaseFold fold = folded(GeneratedLedger.generate(new Random(seed), month, 30, false), month);
		Release regenerated = ReleaseWriter.write(fold.figures().get(0).get(InvestmentType.FDI), month, CALENDAR,
				java.time.Instant.parse("2025-11-05T01:00:00Z"), Release.Sizes.DEFAULT);
		byte[] before = Releases.json(regenerated.withoutParagraph(ReleaseWriter.SCOPE));
		byte[] now = Releases.json(regenerated);

		for (byte[] published : List.of(before, now)) {
			Vintages.Published served = Vintages.asPublished(publication(Vintages.sha256(published)), regenerated);
			assertThat(served.json()).isEqualTo(published);
		}
		org.assertj.core.api.Assertions.assertThatExceptionOfType(Vintages.VintageMismatchException.class)
			.isThrownBy(() -> Vintages.asPublished(publication("0".repeat(64)), regenerated));
	}

	/**
	 * A publication's kept JSON is served only if it hashes as recorded with it: a record
	 * altered on the releases topic is refused, saying so.
	 */
	@Property(tries = 20)
	void shouldRefuseAKeptJsonThatDoesNotHashAsRecorded(@ForAll byte[] kept, @ForAll byte[] other) {
		Publication publication = publication(Vintages.sha256(kept));

		Vintages.requireKept(publication, kept);
		if (!java.util.Arrays.equals(kept, other)) {
			org.assertj.core.api.Assertions.assertThatExceptionOfType(Vintages.VintageMismatchException.class)
				.isThrownBy(() -> Vintages.requireKept(publication, other))
				.withMessageContaining("the record on the releases topic was altered");
		}
	}

	private static Publication publication(String sha256) {
		return new Publication("2025-10", InvestmentType.FDI, java.time.Instant.parse("2025-11-05T01:00:00Z"), sha256,
				Release.Sizes.DEFAULT, "admin", null, null);
	}

	/** The ledger folded into its release's figures as known now. */
	private static ReleaseFold folded(GeneratedLedger ledger, YearMonth month) {
		ReleaseFold fold = new ReleaseFold(month, CALENDAR, Arrays.asList((java.time.Instant) null), false);
		ReleaseFoldTests.entries(ledger).forEach(fold::accept);
		return fold;
	}

	/**
	 * The ranked lines are the recomputation's lines with new projects, by new capital,
	 * then projects, then code; the text names them in that order.
	 */
	private static void assertRanked(Release.Ranking ranking, Map<String, List<Long>> lines, int size, Release release,
			String key) {
		List<String> expected = lines.entrySet()
			.stream()
			.filter((line) -> line.getValue().get(0) > 0)
			.sorted(Comparator.comparing((Map.Entry<String, List<Long>> line) -> -line.getValue().get(1))
				.thenComparing((line) -> -line.getValue().get(0))
				.thenComparing(Map.Entry::getKey))
			.map(Map.Entry::getKey)
			.limit(size)
			.toList();
		assertThat(ranking.rows().stream().map(Release.RankedLine::code).toList()).as(key).isEqualTo(expected);
		release.text()
			.stream()
			.filter((paragraph) -> paragraph.key().equals(key))
			.findFirst()
			.ifPresent((paragraph) -> {
				int at = -1;
				for (Release.RankedLine line : ranking.rows()) {
					int found = paragraph.vi().indexOf(line.vi() + " ", at + 1);
					assertThat(found).as(key + ": " + line.vi() + " after position " + at + " in " + paragraph.vi())
						.isGreaterThan(at);
					at = found;
				}
			});
	}

	@Example
	void shouldWriteTheStatisticsOfficesWording() {
		// tỷ USD from 999.95 million, triệu USD below, tỷ đồng; half-up; "gấp … lần" from
		// double
		assertThat(DisplayRule.money(3_152_000_000_000L, Currency.USD, DisplayRule.Language.VI))
			.isEqualTo("31,52 tỷ USD");
		assertThat(DisplayRule.money(3_152_000_000_000L, Currency.USD, DisplayRule.Language.EN))
			.isEqualTo("US$31.52 billion");
		assertThat(DisplayRule.money(35_045_000_000L, Currency.USD, DisplayRule.Language.VI))
			.isEqualTo("350,5 triệu USD");
		assertThat(DisplayRule.money(99_995_000_000L, Currency.USD, DisplayRule.Language.VI)).isEqualTo("1,00 tỷ USD");
		assertThat(DisplayRule.money(99_994_999_999L, Currency.USD, DisplayRule.Language.VI))
			.isEqualTo("999,9 triệu USD");
		assertThat(DisplayRule.money(4_999_999L, Currency.USD, DisplayRule.Language.VI)).isEqualTo("< 0,1 triệu USD");
		assertThat(DisplayRule.money(-5_000_000L, Currency.USD, DisplayRule.Language.EN)).isEqualTo("-US$0.1 million");
		assertThat(DisplayRule.money(4_507_000_000_000L, Currency.VND, DisplayRule.Language.VI))
			.isEqualTo("4.507,0 tỷ đồng");
		assertThat(DisplayRule.money(446_513_236_095_975L, Currency.VND, DisplayRule.Language.EN))
			.isEqualTo("VND 446,513.2 billion");
		assertThat(ReleaseWriter.change(1156, 1000, Release.Count.of(1000), "dự án", "projects").vi())
			.isEqualTo("tăng 15,6% so với cùng kỳ năm trước");
		assertThat(ReleaseWriter.change(924, 1000, Release.Count.of(1000), "dự án", "projects").en())
			.isEqualTo("down 7.6% year on year");
		assertThat(ReleaseWriter.change(6100, 1000, Release.Count.of(1000), "dự án", "projects").vi())
			.isEqualTo("gấp 6,1 lần cùng kỳ năm trước");
		assertThat(ReleaseWriter.change(1999, 1000, Release.Count.of(1000), "dự án", "projects").vi())
			.isEqualTo("tăng 99,9% so với cùng kỳ năm trước");
		assertThat(ReleaseWriter.change(2000, 1000, Release.Count.of(1000), "dự án", "projects").vi())
			.isEqualTo("gấp 2,0 lần cùng kỳ năm trước");
		assertThat(ReleaseWriter.change(5, 0, Release.Count.of(0), "dự án cấp mới", "new projects").vi())
			.isEqualTo("cùng kỳ năm trước không có dự án cấp mới");
		assertThat(ReleaseWriter.share(567, 1000).vi()).isEqualTo("56,7%");
		assertThat(ReleaseWriter.share(1, 0)).isNull();
	}

	private static List<String> numbersIn(String text) {
		List<String> numbers = new ArrayList<>();
		// a negative amount in English is written -US$1.2 billion: its sign is the
		// number's
		Matcher matcher = NUMBER.matcher(text.replace("-US$", "US$-").replace("-VND ", "VND -"));
		while (matcher.find()) {
			numbers.add(matcher.group());
		}
		return numbers;
	}

	enum Language {

		VI, EN

	}

	/**
	 * The numbers each paragraph must state, in order, from the oracle's figures, written
	 * by the display rule as the README states it.
	 */
	private static final class Numbers {

		private final Language language;

		private final InvestmentType type;

		private final LocalDate cutOff;

		private final Expected expected;

		private final int size;

		private final DecimalFormatSymbols symbols;

		private final LocalDate comparisonCutOff;

		Numbers(Language language, InvestmentType type, LocalDate cutOff, LocalDate comparisonCutOff, Expected expected,
				int size) {
			this.language = language;
			this.type = type;
			this.cutOff = cutOff;
			this.comparisonCutOff = comparisonCutOff;
			this.expected = expected;
			this.size = size;
			this.symbols = new DecimalFormatSymbols();
			this.symbols.setGroupingSeparator((language == Language.VI) ? '.' : ',');
			this.symbols.setDecimalSeparator((language == Language.VI) ? ',' : '.');
			this.symbols.setMinusSign('-');
		}

		Map<String, List<String>> byParagraph() {
			long[] now = this.expected.current();
			long[] before = this.expected.previous();
			Map<String, List<String>> numbers = new java.util.LinkedHashMap<>();
			long registered = now[1] + now[3] + now[5];
			long registeredBefore = before[1] + before[3] + before[5];
			numbers.put("headline",
					join(date(), List.of(money(registered)), change(registered, registeredBefore, true)));
			if (now[0] == 0 && now[1] == 0) {
				numbers.put("new", join(date(), change(now[0], before[0], false)));
			}
			else {
				numbers.put("new", join(List.of(count(now[0]), money(now[1])), change(now[0], before[0], false),
						change(now[1], before[1], true)));
			}
			if (now[2] == 0 && now[3] == 0) {
				numbers.put("adjusted", change(now[3], before[3], true));
			}
			else {
				numbers.put("adjusted", join(List.of(count(now[2]), money(now[3])), change(now[3], before[3], true)));
			}
			if (now[4] == 0) {
				numbers.put("contributions", change(now[4], before[4], false));
			}
			else {
				numbers.put("contributions",
						join(List.of(count(now[4]), money(now[5])), change(now[5], before[5], true),
								List.of(count(now[6]), money(now[7]), count(now[8]), money(now[9]))));
			}
			numbers.put("realised", join(date(), List.of(money(now[10])), change(now[10], before[10], true)));
			if (now[0] > 0) {
				numbers.put("sectors", ranking(this.expected.sectors(), now[1], true, false));
				if (this.type == InvestmentType.FDI) {
					numbers.put("countries", ranking(this.expected.countries(), now[1], false, true));
				}
				numbers.put("provinces", ranking(this.expected.provinces(), now[1], false, false));
			}
			else {
				numbers.put("none-new", date());
			}
			long[] stock = this.expected.stock();
			List<String> stockNumbers = new ArrayList<>(date());
			stockNumbers.add(count(stock[0]));
			if (stock[1] > 0) {
				stockNumbers.add(count(stock[1]));
			}
			stockNumbers.add(money(stock[2]));
			stockNumbers.add(money(stock[3]));
			if (stock[2] > 0) {
				stockNumbers.add(share(stock[3], stock[2]));
			}
			numbers.put("stock", stockNumbers);
			// the periods, each from 1 January, with their lengths in days; the decision
			// and the editions named
			List<String> scope = new ArrayList<>();
			for (LocalDate end : List.of(this.cutOff, this.comparisonCutOff)) {
				scope.addAll(date(LocalDate.of(end.getYear(), 1, 1)));
				scope.addAll(date(end));
				scope.add(Long.toString(end.getDayOfYear()));
			}
			scope.addAll(List.of("2025", "36", "2025", "2018"));
			numbers.put("scope", scope);
			return numbers;
		}

		/**
		 * The lines with new projects, by new capital, projects and code; the first
		 * named.
		 */
		private List<String> ranking(Map<String, List<Long>> lines, long whole, boolean others, boolean dated) {
			List<Map.Entry<String, List<Long>>> ranked = new ArrayList<>(
					lines.entrySet().stream().filter((line) -> line.getValue().get(0) > 0).toList());
			ranked.sort(Comparator.comparing((Map.Entry<String, List<Long>> line) -> -line.getValue().get(1))
				.thenComparing((line) -> -line.getValue().get(0))
				.thenComparing(Map.Entry::getKey));
			List<String> numbers = new ArrayList<>();
			numbers.add(count(ranked.size()));
			if (dated) {
				numbers.addAll(date());
			}
			long named = 0;
			for (Map.Entry<String, List<Long>> line : ranked.subList(0, Math.min(this.size, ranked.size()))) {
				numbers.add(money(line.getValue().get(1)));
				if (whole > 0) {
					numbers.add(share(line.getValue().get(1), whole));
				}
				named += line.getValue().get(1);
			}
			if (others && (ranked.size() > this.size || whole - named != 0)) {
				numbers.add(money(whole - named));
				if (whole > 0) {
					numbers.add(share(whole - named, whole));
				}
			}
			return numbers;
		}

		/** The numbers of a change on a year earlier. */
		private List<String> change(long now, long before, boolean money) {
			if (before == 0 && now == 0) {
				return List.of();
			}
			if (now < 0 || before < 0) {
				return List.of(money ? money(before) : count(before));
			}
			if (before == 0) {
				return List.of();
			}
			if (now >= 2 * before) {
				return List.of(oneDecimal(
						BigDecimal.valueOf(now).divide(BigDecimal.valueOf(before), 1, RoundingMode.HALF_UP)));
			}
			if (now == before) {
				return List.of();
			}
			BigDecimal percent = BigDecimal.valueOf(now - before)
				.multiply(BigDecimal.valueOf(100))
				.divide(BigDecimal.valueOf(before), 1, RoundingMode.HALF_UP)
				.abs();
			return List.of(oneDecimal(percent));
		}

		private String share(long part, long whole) {
			return oneDecimal(BigDecimal.valueOf(part)
				.multiply(BigDecimal.valueOf(100))
				.divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP));
		}

		private List<String> date() {
			return date(this.cutOff);
		}

		private List<String> date(LocalDate day) {
			return (this.language == Language.VI)
					? List.of(String.format("%02d", day.getDayOfMonth()), String.format("%02d", day.getMonthValue()),
							Integer.toString(day.getYear()))
					: List.of(Integer.toString(day.getDayOfMonth()), Integer.toString(day.getYear()));
		}

		private String count(long count) {
			return new DecimalFormat("#,##0", this.symbols).format(count);
		}

		private String oneDecimal(BigDecimal value) {
			return new DecimalFormat("#,##0.0", this.symbols).format(value);
		}

		/**
		 * The README's rule: USD in tỷ USD with 2 decimals from 999.95 million (rounded),
		 * in triệu USD with 1 below; VND in tỷ đồng with 1; half-up; a non-zero amount
		 * that rounds to zero as "&lt; 0,1".
		 */
		private String money(long minorUnits) {
			BigDecimal amount = BigDecimal.valueOf(minorUnits).abs();
			String sign = (minorUnits < 0) ? "-" : "";
			if (this.type.currency() == Currency.USD) {
				BigDecimal millions = amount.movePointLeft(8).setScale(1, RoundingMode.HALF_UP);
				if (millions.compareTo(new BigDecimal("1000.0")) >= 0) {
					return sign + new DecimalFormat("#,##0.00", this.symbols)
						.format(amount.movePointLeft(11).setScale(2, RoundingMode.HALF_UP));
				}
				if (millions.signum() == 0 && minorUnits != 0) {
					return sign + oneDecimal(new BigDecimal("0.1"));
				}
				return sign + oneDecimal(millions);
			}
			BigDecimal billions = amount.movePointLeft(9).setScale(1, RoundingMode.HALF_UP);
			if (billions.signum() == 0 && minorUnits != 0) {
				return sign + oneDecimal(new BigDecimal("0.1"));
			}
			return sign + oneDecimal(billions);
		}

		@SafeVarargs
		private static List<String> join(List<String>... parts) {
			List<String> all = new ArrayList<>();
			for (List<String> part : parts) {
				all.addAll(part);
			}
			return all;
		}

	}

}
