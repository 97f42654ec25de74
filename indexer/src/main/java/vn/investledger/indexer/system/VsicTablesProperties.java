package vn.investledger.indexer.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

import vn.investledger.events.reference.VsicEditions;

/**
 * The VSIC tables the indexer restates a project's sector by (its stock cell) and names
 * it by: the editions with their sections, and the correspondence from each edition's
 * divisions to the next edition's sections. They must be the stream processor's, so that
 * the projects listed behind a stock figure are those it counts in it.
 *
 * @param vsicSections a CSV file of the editions and their sections
 * ({@code edition,valid_from,valid_to,letter,first_division,last_division,name}); unset
 * for the table shipped with the platform
 * @param vsicCorrespondence a CSV file of the correspondence
 * ({@code from_edition,from_section,division,to_edition,to_section}); unset for the table
 * shipped with the platform
 */
@ConfigurationProperties("investledger")
public record VsicTablesProperties(Path vsicSections, Path vsicCorrespondence) {

	/**
	 * The tables, read and checked: a malformed row stops the indexer at start, named.
	 * @return the configured tables, or the shipped ones
	 */
	public VsicEditions editions() {
		return VsicEditions.read(this.vsicSections, this.vsicCorrespondence);
	}

}
