package io.crmhub.mapping;

import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/**
 * {@code currency}: an ISO 4217 code known to {@link Currency}. 'RMB' and the yuan signs are what Chinese
 * users type for CNY, so they are accepted as CNY; anything else unknown is rejected rather than guessed.
 */
final class CurrencyTransform implements Transform {

    private static final Map<String, String> ALIASES = Map.of("RMB", "CNY", "¥", "CNY", "￥", "CNY");

    @Override
    public Object apply(Object value, FieldContext context) throws MappingException {
        if (TextTransforms.isBlank(value)) {
            return null;
        }
        String code = TextTransforms.text(value).strip().toUpperCase(Locale.ROOT);
        code = ALIASES.getOrDefault(code, code);
        if (!code.matches("[A-Z]{3}") || !isKnown(code)) {
            throw context.reject(value, "is not an ISO 4217 currency code");
        }
        return code;
    }

    private static boolean isKnown(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
