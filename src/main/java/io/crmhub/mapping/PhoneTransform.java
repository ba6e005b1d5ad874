package io.crmhub.mapping;

import io.crmhub.canonical.Customer.Phone;
import io.crmhub.identity.normalize.NormalizedPhone;
import io.crmhub.identity.normalize.PhoneNormalizer;

/**
 * {@code phone}: any way people type a phone number → E.164 with its kind. Numbers without a country
 * prefix are read as numbers of {@code region} (default CN). The parsing is {@link PhoneNormalizer}'s, so a
 * number maps and matches the same way.
 */
final class PhoneTransform implements Transform {

    private final PhoneNormalizer phones;

    PhoneTransform(TransformArgs args) {
        String region = args.allow("region").string("region", PhoneNormalizer.DEFAULT_REGION);
        try {
            this.phones = new PhoneNormalizer(region);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("transform 'phone': unknown region '" + region + "'", e);
        }
    }

    @Override
    public Object apply(Object value, FieldContext context) throws MappingException {
        if (TextTransforms.isBlank(value)) {
            return null;
        }
        PhoneNormalizer.Result result = phones.parse(TextTransforms.text(value));
        return switch (result.outcome()) {
            case NOT_A_NUMBER -> throw context.reject(value, "is not a phone number");
            case INVALID_NUMBER -> throw context.reject(value, "is not a valid phone number");
            case VALID -> toCanonical(result.phone());
        };
    }

    private static Phone toCanonical(NormalizedPhone phone) {
        return new Phone(phone.e164(), phone.type().canonicalLabel());
    }
}
