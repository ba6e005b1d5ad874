package io.crmhub.identity.normalize;

import io.crmhub.canonical.Customer.DocumentType;

/**
 * An identity document ready for matching.
 *
 * @param type    the document type; documents of different types are never compared
 * @param number  upper-case letters and digits only
 * @param country issuing state (ISO 3166-1 alpha-2) or null when unknown
 * @param valid   the number passes its check (GB 11643 for a China resident id; shape only for the others): two
 *                different valid resident ids are two people
 */
public record NormalizedDocument(DocumentType type, String number, String country, boolean valid) {

    /** The block key value: type and number (the country is left out, sources often omit it). */
    public String key() {
        return type.name() + ":" + number;
    }
}
