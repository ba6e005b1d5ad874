package io.crmhub.partner;

/**
 * What a partner searches golden customers by; at least one of name, phone, email, tax id. Values as typed:
 * {@link CustomerSearch} normalises them the way source values were normalised.
 *
 * @param name  fuzzy: trigram similarity or substring of the golden name
 * @param phone any format libphonenumber reads (numbers without a country prefix in the default region)
 * @param email exact, case-insensitive
 * @param taxId exact, after upper-casing and removing spaces and hyphens
 * @param page  0-based
 * @param size  1..100
 * @param sort  {@code relevance} (name similarity, the default), {@code name}, {@code -name}, {@code updatedAt},
 *              {@code -updatedAt}
 */
public record SearchCriteria(String name, String phone, String email, String taxId, int page, int size,
                             String sort) {}
