package vn.investledger.producers.publisher;

/**
 * A publisher was asked to send an event of a province it does not speak for; nothing was
 * sent.
 */
public class WrongProvinceException extends RuntimeException {

	public WrongProvinceException(String publisherProvince, String eventProvince) {
		super("This publisher speaks for province " + publisherProvince
				+ " (and the units it absorbed) and cannot publish " + "an event of province " + eventProvince);
	}

}
