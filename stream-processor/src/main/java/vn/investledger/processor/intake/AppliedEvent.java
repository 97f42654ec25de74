package vn.investledger.processor.intake;

import vn.investledger.events.LicensingEvent;
import vn.investledger.events.ProjectState;

/**
 * An event the ledger applied, with the project's state after it.
 *
 * @param event the event
 * @param before the project before the event
 * @param state the project after the event
 * @param afterGap whether it was applied with an earlier revision missing (the gap timed
 * out), or arrived after such a gap was closed
 */
public record AppliedEvent(LicensingEvent event, ProjectState before, ProjectState state, boolean afterGap) {

}
