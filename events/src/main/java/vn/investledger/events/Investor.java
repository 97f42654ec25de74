package vn.investledger.events;

/**
 * An investor named on the certificate.
 *
 * @param name the investor's name as registered, UTF-8 (Vietnamese or foreign)
 * @param country the investor's country or territory, ISO 3166-1 alpha-2 (Hong Kong HK,
 * Taiwan TW and Samoa WS count as their own)
 */
public record Investor(String name, String country) {

}
