package vn.investledger.events.reference;

import java.util.List;
import java.util.Optional;

/**
 * The 21 sections of VSIC 2018 in the shipped tables.
 *
 * @deprecated an event's sector is classified by the edition in force on its effective
 * date, and the same letter means different things in VSIC 2018 and VSIC 2025: use
 * {@link VsicEditions}
 */
@Deprecated
public final class VsicSections {

	private static final VsicEdition VSIC_2018 = VsicEditions.standard()
		.edition("VSIC 2018")
		.orElseThrow(() -> new IllegalStateException("The shipped VSIC tables have no VSIC 2018"));

	private VsicSections() {
	}

	public static List<VsicSection> all() {
		return VsicEditions.standard().sections(VSIC_2018);
	}

	public static Optional<VsicSection> find(String letter) {
		return VsicEditions.standard().section(VSIC_2018, letter);
	}

}
