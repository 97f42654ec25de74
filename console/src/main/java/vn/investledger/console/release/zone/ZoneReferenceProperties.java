package vn.investledger.console.release.zone;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The reference tables only the zone-board release reads, each a deployment's own file
 * or, unset, the one shipped in the events jar (which holds no row).
 *
 * @param investmentTargets the provinces' yearly targets
 * ({@code investment-targets.csv}'s columns)
 * @param industrialLand the zones' industrial land ({@code industrial-land.csv}'s
 * columns)
 */
@ConfigurationProperties("investledger")
record ZoneReferenceProperties(Path investmentTargets, Path industrialLand) {

}
