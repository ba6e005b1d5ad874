package io.crmhub.identity.golden;

import io.crmhub.canonical.Customer.Address;
import io.crmhub.canonical.Customer.Phone;
import io.crmhub.identity.normalize.NormalizedTaxId;
import io.crmhub.identity.normalize.Texts;
import io.crmhub.identity.normalize.UnifiedSocialCreditCode;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What survivorship needs to know about a field value: whether it is a value at all, its comparison key (two
 * values with one key are the same value, so unions and frequencies collapse spelling noise) and how
 * complete it is.
 */
final class Values {

    private static final String UNKNOWN_PHONE_TYPE = "unknown";

    private Values() {}

    /** Null, blank text, a phone without a number and an address without any part are no value. */
    static boolean present(Object value) {
        if (value instanceof String text) {
            return !Texts.isBlank(text);
        }
        if (value instanceof Phone phone) {
            return !Texts.isBlank(phone.e164());
        }
        if (value instanceof Address address) {
            return parts(address).anyMatch(part -> !Texts.isBlank(part));
        }
        return value != null;
    }

    /**
     * The form in which values are compared. Text: half-width, whitespace collapsed, lower case (e-mails are
     * case-insensitive in practice); phones: the E.164 number alone, so one number with two types is one;
     * addresses: every part folded; enums: the lower-case constant, as written in the rules file; tax ids:
     * the normalised code, so spaces and hyphens do not make a second id.
     */
    static String key(GoldenField field, Object value) {
        if (field == GoldenField.TAX_ID) {
            return UnifiedSocialCreditCode.normalize((String) value).value();
        }
        if (value instanceof Phone phone) {
            return Texts.removeWhitespace(Texts.halfwidth(phone.e164()));
        }
        if (value instanceof Address address) {
            return parts(address).map(Values::fold).collect(Collectors.joining("|"));
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        return fold(value.toString());
    }

    /** Addresses: non-blank parts; phones: 1 + a known type; text: characters after cleaning; enums: 1. */
    static int completeness(Object value) {
        if (value instanceof Address address) {
            return (int) parts(address).filter(part -> !Texts.isBlank(part)).count();
        }
        if (value instanceof Phone phone) {
            boolean typed = !Texts.isBlank(phone.type()) && !UNKNOWN_PHONE_TYPE.equalsIgnoreCase(phone.type().strip());
            return typed ? 2 : 1;
        }
        if (value instanceof String text) {
            String clean = Texts.clean(text);
            return clean.codePointCount(0, clean.length());
        }
        return 1;
    }

    /** A tax id whose check character is right; anything else (length, alphabet, check) is not valid. */
    static boolean validTaxId(Object value) {
        NormalizedTaxId id = UnifiedSocialCreditCode.normalize((String) value);
        return id != null && id.valid();
    }

    private static Stream<String> parts(Address a) {
        return Stream.of(a.country(), a.province(), a.city(), a.street(), a.postalCode());
    }

    private static String fold(String text) {
        String clean = Texts.clean(text);
        return clean == null ? "" : clean.toLowerCase(Locale.ROOT);
    }
}
