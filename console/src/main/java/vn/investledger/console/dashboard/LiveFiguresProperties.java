package vn.investledger.console.dashboard;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the console learns of new figures ({@link LiveFigures}).
 *
 * @param pollInterval how often it asks the totals index for the figures written since it
 * last asked, while a console listens
 * @param overlap how far each question reaches back before the previous one: at least the
 * time from the indexer stamping a figure to a search finding it (its bulk request and
 * the index's refresh interval, 1 s) plus the difference between the indexer's clock and
 * this one
 */
@Validated
@ConfigurationProperties("investledger.live-figures")
record LiveFiguresProperties(@DefaultValue("1s") @NotNull Duration pollInterval,
		@DefaultValue("15s") @NotNull Duration overlap) {

}
