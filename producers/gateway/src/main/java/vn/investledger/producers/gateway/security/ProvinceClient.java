package vn.investledger.producers.gateway.security;

import java.util.Set;

/**
 * An authenticated province system.
 *
 * @param province the province it speaks for
 * @param publishableProvinces its own code and those of the units it absorbed
 */
public record ProvinceClient(String province, Set<String> publishableProvinces) {

}
