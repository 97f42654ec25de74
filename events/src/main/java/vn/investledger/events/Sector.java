package vn.investledger.events;

/**
 * The project's sector in the Vietnam Standard Industrial Classification, in the edition
 * in force on the event's effective date (see
 * {@link vn.investledger.events.reference.VsicEditions}): VSIC 2018 until 14 November
 * 2025, VSIC 2025 from 15 November 2025. The same letter can mean different things in the
 * two: K is finance in VSIC 2018 and telecommunications and computing in VSIC 2025.
 *
 * @param section the section letter of that edition: A to U in VSIC 2018, A to V in VSIC
 * 2025
 * @param division an optional 2-digit division or 4-digit class within the section, or
 * {@code null}
 */
public record Sector(String section, String division) {

}
