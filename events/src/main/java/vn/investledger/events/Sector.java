package vn.investledger.events;

/**
 * The project's sector in the Vietnamese Standard Industrial Classification (VSIC 2018).
 *
 * @param section the section letter, A to U
 * @param division an optional 2-digit division or 4-digit class within the section, or
 * {@code null}
 */
public record Sector(String section, String division) {

}
