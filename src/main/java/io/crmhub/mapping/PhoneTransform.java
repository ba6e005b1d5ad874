package io.crmhub.mapping;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.crmhub.canonical.Customer.Phone;
import java.util.Locale;

/**
 * {@code phone}: any way people type a phone number → E.164 with its kind. Numbers without a country
 * prefix are read as numbers of {@code region} (default CN), which also makes {@code 0086 …} work,
 * because 00 is China's international call prefix.
 */
final class PhoneTransform implements Transform {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final String region;

    PhoneTransform(TransformArgs args) {
        this.region = args.allow("region").string("region", "CN").toUpperCase(Locale.ROOT);
        if (!PHONES.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("transform 'phone': unknown region '" + region + "'");
        }
    }

    @Override
    public Object apply(Object value, FieldContext context) throws MappingException {
        if (TextTransforms.isBlank(value)) {
            return null;
        }
        String text = TextTransforms.halfwidth(TextTransforms.text(value)).strip();
        PhoneNumber number;
        try {
            number = PHONES.parse(text, region);
        } catch (NumberParseException e) {
            // The parser's message is generic, but we still never chain it: nothing about the value may leak.
            throw context.reject(value, "is not a phone number");
        }
        if (!PHONES.isValidNumber(number)) {
            throw context.reject(value, "is not a valid phone number");
        }
        return new Phone(PHONES.format(number, PhoneNumberFormat.E164), typeOf(number));
    }

    private static String typeOf(PhoneNumber number) {
        return switch (PHONES.getNumberType(number)) {
            case MOBILE -> "mobile";
            case FIXED_LINE -> "landline";
            default -> "unknown";
        };
    }
}
