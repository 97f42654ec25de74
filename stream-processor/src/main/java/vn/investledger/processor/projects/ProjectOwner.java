package vn.investledger.processor.projects;

/**
 * Which unit owns a project: the only unit whose event topic may write its later events.
 *
 * @param projectCode the project code
 * @param ownerUnit the owning unit's two-digit code, or {@code null} for a project
 * applied before the ledger recorded owners
 * @param revision the project's highest applied revision
 */
record ProjectOwner(String projectCode, String ownerUnit, long revision) {

}
