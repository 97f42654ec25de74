package vn.investledger.events.reference;

/**
 * The kinds of zone a project may be in.
 */
public enum ZoneType {

	/** Economic zone (khu kinh tế), including border-gate and coastal economic zones. */
	KKT,

	/** Industrial zone (khu công nghiệp). */
	KCN,

	/**
	 * Industrial cluster (cụm công nghiệp), licensed by the province outside the zone
	 * boards.
	 */
	CCN,

	/** Export-processing, high-tech or another kind of zone. */
	OTHER

}
