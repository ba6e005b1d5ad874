package io.crmhub.mapping;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * {@code decimal}: amounts as finance staff type them ('1,234.50', '¥980', '１２００.００') → BigDecimal.
 * Optional {@code min} (inclusive) and {@code above} (exclusive) bounds reject e.g. negative amounts or
 * zero quantities at the edge instead of deep inside a KPI.
 */
final class DecimalTransform implements Transform {

    /** Thousands separators, currency signs and spaces: decoration, not value. */
    private static final Pattern DECORATION = Pattern.compile("[,，¥￥$€\\s\\u3000]");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    private final BigDecimal min;
    private final BigDecimal above;

    DecimalTransform(TransformArgs args) {
        args.allow("min", "above");
        this.min = args.decimal("min");
        this.above = args.decimal("above");
    }

    @Override
    public Object apply(Object value, FieldContext context) throws MappingException {
        if (TextTransforms.isBlank(value)) {
            return null;
        }
        BigDecimal number = parse(value, context);
        if (min != null && number.compareTo(min) < 0) {
            throw context.reject(value, "is below the minimum " + min.toPlainString());
        }
        if (above != null && number.compareTo(above) <= 0) {
            throw context.reject(value, "must be greater than " + above.toPlainString());
        }
        return number;
    }

    private static BigDecimal parse(Object value, FieldContext context) throws MappingException {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        String text = DECORATION.matcher(TextTransforms.halfwidth(TextTransforms.text(value))).replaceAll("");
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw context.reject(value, "is not a decimal amount");
        }
        return new BigDecimal(text);
    }
}
