package io.crmhub.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * {@code timestamp}: an instant. Texts with an offset are exact; local texts ('2024-06-04 13:00',
 * '2024/6/4') are read in {@code zone} (default Asia/Shanghai, where the demo ERP's users type them);
 * a date alone means the start of that day.
 */
final class TimestampTransform implements Transform {

    private final ZoneId zone;

    TimestampTransform(TransformArgs args) {
        String id = args.allow("zone").string("zone", "Asia/Shanghai");
        try {
            this.zone = ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("transform 'timestamp': unknown zone '" + id + "'");
        }
    }

    @Override
    public Object apply(Object value, FieldContext context) throws MappingException {
        if (TextTransforms.isBlank(value)) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        String text = DateTexts.clean(value);
        Optional<Instant> instant = DateTexts.withOffset(text).map(OffsetDateTime::toInstant)
                .or(() -> DateTexts.local(text).map(local -> local.atZone(zone).toInstant()));
        return instant.orElseThrow(() -> context.reject(value, "is not a timestamp"));
    }
}
