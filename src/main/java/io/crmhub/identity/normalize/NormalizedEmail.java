package io.crmhub.identity.normalize;

/**
 * An e-mail address ready for matching.
 *
 * @param address trimmed, half-width, lower case
 * @param domain  the part after the @
 * @param role    a shared role mailbox (info@, service@ …): many records carry it, so it proves little
 */
public record NormalizedEmail(String address, String domain, boolean role) {

    public NormalizedEmail {
        domain = Texts.shared(domain); // a few domains (qq.com, 163.com, a company's) carry most addresses
    }
}
