package io.crmhub.mapping;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * {@code date}: a business date. Timestamps are accepted and cut to the date written in them (not
 * converted to another zone), because a business date is what the source's user saw.
 */
final class DateTransform implements Transform {

    @Override
    public Object apply(Object value, FieldContext context) throws MappingException {
        if (TextTransforms.isBlank(value)) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        String text = DateTexts.clean(value);
        Optional<LocalDate> date = DateTexts.withOffset(text).map(OffsetDateTime::toLocalDate)
                .or(() -> DateTexts.local(text).map(LocalDateTime::toLocalDate));
        return date.orElseThrow(() -> context.reject(value, "is not a date"));
    }
}
