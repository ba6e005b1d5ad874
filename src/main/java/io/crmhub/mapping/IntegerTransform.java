package io.crmhub.mapping;

/** {@code integer}: a whole number from an integer column or a text such as ' 12 ' or '１２'. */
final class IntegerTransform implements Transform {

    @Override
    public Object apply(Object value, FieldContext context) throws MappingException {
        if (TextTransforms.isBlank(value)) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        String text = TextTransforms.halfwidth(TextTransforms.text(value)).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw context.reject(value, "is not an integer");
        }
    }
}
