package vn.investledger.console.system;

import vn.investledger.events.InvestmentType;

/**
 * The {@code type} query parameter of the figures, releases and charts: FDI when left
 * out, never when given empty. Spring reads an empty value as a parameter's default, so
 * {@code type=} (a script's unset variable) would answer, or publish for good, FDI to
 * someone who meant to choose; taken as text and checked by {@link #GRAMMAR}, which no
 * empty value matches, it is a 400 naming it.
 */
public final class TypeParameter {

	/** What a type may be. */
	public static final String GRAMMAR = "FDI|DDI";

	/** Why another value is refused. */
	public static final String MESSAGE = "a type is FDI or DDI (leave type out for FDI)";

	private TypeParameter() {
	}

	/**
	 * The type a request asks for.
	 * @param type the parameter as checked by {@link #GRAMMAR}, or {@code null} if left
	 * out
	 * @return the type, FDI if left out
	 */
	public static InvestmentType of(String type) {
		return (type != null) ? InvestmentType.valueOf(type) : InvestmentType.FDI;
	}

}
