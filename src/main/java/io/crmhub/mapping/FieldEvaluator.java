package io.crmhub.mapping;

import io.crmhub.canonical.DataIssue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fills canonical fields from one source row, following the compiled {@link FieldMapping}s. */
final class FieldEvaluator {

    private FieldEvaluator() {}

    /**
     * Builds the canonical record of type {@code recordType} from the row; values left out under
     * {@code invalid: drop} are added to {@code issues}.
     */
    static <R extends Record> R build(Class<R> recordType, List<FieldMapping> fields, Map<String, Object> row,
                                      List<DataIssue> issues) throws MappingException {
        Map<String, Object> values = evaluateAll(fields, row, issues);
        return TargetTypes.construct(recordType, values);
    }

    private static Map<String, Object> evaluateAll(List<FieldMapping> fields, Map<String, Object> row,
                                                   List<DataIssue> issues) throws MappingException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldMapping field : fields) {
            values.put(field.name(), evaluate(field, row, issues));
        }
        return values;
    }

    private static Object evaluate(FieldMapping field, Map<String, Object> row, List<DataIssue> issues)
            throws MappingException {
        Object value = field.isObject() ? object(field, row, issues)
                : field.list() ? collect(field, row, issues) : single(field, row, issues);
        if (TextTransforms.isBlank(value)) {
            value = null; // a blank text is no value: keep "" out of canonical records
        }
        if (field.required() && (value == null || value instanceof List<?> l && l.isEmpty())) {
            throw field.context().fail("is required but missing");
        }
        try {
            return TargetTypes.convert(value, field.targetType());
        } catch (IllegalArgumentException e) {
            // No cause chained: Jackson's message quotes the value, which may be personal data.
            throw field.context().reject(value, "cannot be converted to "
                    + TargetTypes.elementType(field.targetType()).getTypeName());
        }
    }

    /** A single field reads the first non-blank of its columns, so 'from: [mobile, phone]' is a fallback. */
    private static Object single(FieldMapping field, Map<String, Object> row, List<DataIssue> issues)
            throws MappingException {
        Object raw = field.constant();
        for (String column : field.from()) {
            raw = row.get(column);
            if (!TextTransforms.isBlank(raw)) {
                break;
            }
        }
        return guarded(field, raw, issues);
    }

    /** A list field collects every column; blanks are skipped and duplicates (after transforms) removed. */
    private static List<Object> collect(FieldMapping field, Map<String, Object> row, List<DataIssue> issues)
            throws MappingException {
        Set<Object> values = new LinkedHashSet<>();
        List<Object> raws = new ArrayList<>();
        if (field.constant() != null) {
            raws.add(field.constant());
        }
        field.from().forEach(column -> raws.add(row.get(column)));
        for (Object raw : raws) {
            Object value = TextTransforms.isBlank(raw) ? null : guarded(field, raw, issues);
            if (!TextTransforms.isBlank(value)) {
                values.add(value);
            }
        }
        return new ArrayList<>(values);
    }

    /** A nested record; absent when none of its own fields read from the row has a value. */
    private static Object object(FieldMapping field, Map<String, Object> row, List<DataIssue> issues)
            throws MappingException {
        Map<String, Object> values = new LinkedHashMap<>();
        boolean any = false;
        for (FieldMapping child : field.children()) {
            Object value = child.list() || child.isObject() ? evaluate(child, row, issues)
                    : evaluateOptional(child, row, issues);
            // A constant (a document's type) does not make an object exist: only values read from the row do.
            any |= !child.from().isEmpty() && value != null && !(value instanceof List<?> l && l.isEmpty());
            values.put(child.name(), value);
        }
        if (!any) {
            return field.list() ? List.of() : null;
        }
        checkRequired(field.children(), values);
        @SuppressWarnings("unchecked")
        Class<? extends Record> type = (Class<? extends Record>) TargetTypes.rawClass(
                TargetTypes.elementType(field.targetType()));
        Record record = TargetTypes.construct(type, values);
        return field.list() ? List.of(record) : record;
    }

    /** Required children are checked only once the object exists: an absent address is fine, half of one is not. */
    private static Object evaluateOptional(FieldMapping child, Map<String, Object> row, List<DataIssue> issues)
            throws MappingException {
        Object value = single(child, row, issues);
        try {
            return TargetTypes.convert(TextTransforms.isBlank(value) ? null : value, child.targetType());
        } catch (IllegalArgumentException e) {
            throw child.context().reject(value, "cannot be converted to " + child.targetType().getTypeName());
        }
    }

    private static void checkRequired(List<FieldMapping> children, Map<String, Object> values)
            throws MappingException {
        for (FieldMapping child : children) {
            if (child.required() && TextTransforms.isBlank(values.get(child.name()))) {
                throw child.context().fail("is required but missing");
            }
        }
    }

    /** Under {@code invalid: drop} a value failing its transforms becomes no value plus a data issue. */
    private static Object guarded(FieldMapping field, Object raw, List<DataIssue> issues) throws MappingException {
        refuseControlCharacters(field, raw);
        if (!field.dropInvalid()) {
            return pipeline(field, raw);
        }
        try {
            return pipeline(field, raw);
        } catch (MappingException e) {
            issues.add(new DataIssue(e.field(), e.reason()));
            return null;
        }
    }

    /**
     * A control character is refused even under {@code invalid: drop}: it is not a badly formatted value but a
     * broken record (a NUL would fail the store's write later), so the record goes to the dead letter or rejects.
     */
    private static void refuseControlCharacters(FieldMapping field, Object raw) throws MappingException {
        if (raw instanceof CharSequence text) {
            int at = ControlCharacters.find(text, true);
            if (at >= 0) {
                throw field.context().fail(ControlCharacters.describe(text, at));
            }
        }
    }

    private static Object pipeline(FieldMapping field, Object raw) throws MappingException {
        Object value = raw;
        for (Transform transform : field.transforms()) {
            value = transform.apply(value, field.context());
        }
        return value;
    }
}
