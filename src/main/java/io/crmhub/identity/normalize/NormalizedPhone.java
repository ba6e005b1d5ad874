package io.crmhub.identity.normalize;

/**
 * A phone number ready for matching.
 *
 * @param e164 E.164 form, e.g. +8613800138000
 * @param type mobile, landline, service line or unknown
 */
public record NormalizedPhone(String e164, PhoneType type) {}
