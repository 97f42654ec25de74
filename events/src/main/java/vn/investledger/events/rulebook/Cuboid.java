package vn.investledger.events.rulebook;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A breakdown of the figures (DOMAIN.md, "Breakdowns"): the dimensions a figure is kept
 * by. Each takes its dimensions' values from a {@link Cell}, the finest grain; a cell
 * that lacks one of them (an adjustment of a project whose licence never arrived has no
 * zone) does not count in that cuboid. This is the one list of cuboids: the processor,
 * the indexer, the monthly report and the console read it from here.
 */
public enum Cuboid {

	/** The whole country. */
	NATIONAL("national"),

	/** By province as licensed. */
	PROVINCE("province", Dimension.PROVINCE),

	/** By today's unit: each province restated through the 2025 merger mapping. */
	PROVINCE_RESTATED("province-restated", Dimension.RESTATED_PROVINCE),

	/** By province as licensed and zone. */
	PROVINCE_ZONE("province+zone", Dimension.PROVINCE, Dimension.ZONE),

	/** By province as licensed and partner country or territory. */
	PROVINCE_COUNTRY("province+country", Dimension.PROVINCE, Dimension.COUNTRY),

	/**
	 * By province as licensed and sector (VSIC 2025 section, see {@link Restatement}).
	 */
	PROVINCE_SECTOR("province+sector", Dimension.PROVINCE, Dimension.SECTOR),

	/** By partner country or territory. */
	COUNTRY("country", Dimension.COUNTRY),

	/** By sector (VSIC 2025 section, see {@link Restatement}). */
	SECTOR("sector", Dimension.SECTOR);

	/** The grammar of a cuboid's name, e.g. for a request parameter's pattern. */
	public static final String GRAMMAR = "national|province|province-restated|province\\+zone|province\\+country"
			+ "|province\\+sector|country|sector";

	private final String id;

	private final List<Dimension> dimensions;

	Cuboid(String id, Dimension... dimensions) {
		this.id = id;
		this.dimensions = List.of(dimensions);
	}

	/**
	 * The cuboid's name in figures' keys, on the wire and in the indices.
	 * @return e.g. {@code province+zone}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The dimensions a figure of this cuboid names.
	 * @return the dimensions, none for {@link #NATIONAL}
	 */
	public List<Dimension> dimensions() {
		return this.dimensions;
	}

	/**
	 * Checks that a figure is named by exactly this cuboid's dimensions: a dimension
	 * missing or one more names no figure of it.
	 * @param named the dimensions given, by {@link Dimension#figureKey()}
	 * @throws IllegalArgumentException if they are not this cuboid's, saying which are
	 */
	public void requireDimensions(Set<String> named) {
		List<String> own = this.dimensions.stream().map(Dimension::figureKey).toList();
		if (!named.equals(Set.copyOf(own))) {
			String fitting = Arrays.stream(values())
				.filter((cuboid) -> cuboid.dimensions.stream()
					.map(Dimension::figureKey)
					.collect(Collectors.toSet())
					.equals(named))
				.map(Cuboid::id)
				.collect(Collectors.joining(" or "));
			throw new IllegalArgumentException(
					"A figure of " + this.id + " names " + (own.isEmpty() ? "no dimension" : String.join(" and ", own))
							+ ", not " + (named.isEmpty() ? "none" : String.join(" and ", new TreeSet<>(named)))
							+ (fitting.isEmpty() ? "" : ": for those, ask for cuboid=" + fitting));
		}
	}

	/**
	 * A cell's coordinates in this cuboid.
	 * @param cell the cell's dimensions, by {@link Dimension#cellKey()}
	 * @return each dimension's value by {@link Dimension#figureKey()}, or {@code null} if
	 * the cell lacks one
	 */
	public Map<String, String> dimensionsOf(Map<String, String> cell) {
		return switch (this.dimensions.size()) {
			case 0 -> Map.of();
			case 1 -> {
				Dimension only = this.dimensions.get(0);
				String value = cell.get(only.cellKey());
				yield (value != null) ? Map.of(only.figureKey(), value) : null;
			}
			default -> {
				Map<String, String> values = new LinkedHashMap<>(4);
				for (Dimension dimension : this.dimensions) {
					String value = cell.get(dimension.cellKey());
					if (value == null) {
						yield null;
					}
					values.put(dimension.figureKey(), value);
				}
				yield values;
			}
		};
	}

	/**
	 * The cuboid of a name.
	 * @param id a name
	 * @return the cuboid, empty if none is named so
	 */
	public static Optional<Cuboid> named(String id) {
		return Arrays.stream(values()).filter((cuboid) -> cuboid.id.equals(id)).findFirst();
	}

	/**
	 * Every cuboid's name, for a refusal's message.
	 * @return e.g. "national, province, …"
	 */
	public static String names() {
		return Arrays.stream(values()).map(Cuboid::id).collect(Collectors.joining(", "));
	}

	/**
	 * A dimension of the figures.
	 */
	public enum Dimension {

		/** The province as licensed. */
		PROVINCE("province", "province"),

		/** Today's unit of the province as licensed. */
		RESTATED_PROVINCE("restated", "province"),

		/** The zone (KKT, KCN or CCN). */
		ZONE("zone", "zone"),

		/** The partner country or territory (ISO 3166 alpha-2). */
		COUNTRY("country", "country"),

		/**
		 * The VSIC 2025 section, restated from the edition the sector was classified in.
		 */
		SECTOR("sector", "sector");

		private final String cellKey;

		private final String figureKey;

		Dimension(String cellKey, String figureKey) {
			this.cellKey = cellKey;
			this.figureKey = figureKey;
		}

		/**
		 * The dimension's name in a cell.
		 * @return e.g. {@code restated}
		 */
		public String cellKey() {
			return this.cellKey;
		}

		/**
		 * The dimension's name in a figure of a cuboid.
		 * @return e.g. {@code province}
		 */
		public String figureKey() {
			return this.figureKey;
		}

	}

}
