package io.crmhub.mapping;

import io.crmhub.canonical.CanonicalJson;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reflection over the canonical records: which fields exist, of what type, and how to build one. */
final class TargetTypes {

    private TargetTypes() {}

    /** A record type's components and canonical constructor, looked up once per type (every record mapped uses them). */
    private record Shape(String[] names, Map<String, Type> types, Constructor<?> constructor) {}

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> recordType) {
            RecordComponent[] components = recordType.getRecordComponents();
            Map<String, Type> types = new LinkedHashMap<>();
            for (RecordComponent component : components) {
                types.put(component.getName(), component.getGenericType());
            }
            try {
                return new Shape(Arrays.stream(components).map(RecordComponent::getName).toArray(String[]::new),
                        java.util.Collections.unmodifiableMap(types), recordType.getDeclaredConstructor(
                                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("no canonical constructor for " + recordType.getSimpleName(), e);
            }
        }
    };

    /**
     * An enum's constants by name. The canonical enums carry no JSON annotations, so a string that is a constant's
     * name reads as that constant; any other string still goes through JSON, which says why it does not fit.
     */
    private static final ClassValue<Map<String, Object>> CONSTANTS = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> enumType) {
            Map<String, Object> byName = new java.util.HashMap<>();
            for (Object constant : enumType.getEnumConstants()) {
                byName.put(((Enum<?>) constant).name(), constant);
            }
            return java.util.Collections.unmodifiableMap(byName);
        }
    };

    static Map<String, Type> components(Class<?> recordType) {
        return new LinkedHashMap<>(SHAPES.get(recordType).types());
    }

    static boolean isList(Type type) {
        return List.class.isAssignableFrom(rawClass(type));
    }

    /** The element type of a {@code List<X>}, or the type itself. */
    static Type elementType(Type type) {
        return isList(type) && type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : type;
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return (Class<?>) ((ParameterizedType) type).getRawType();
    }

    /**
     * Converts a transformed value (String, Long, BigDecimal, EntityRef…) to the component's type, using the
     * canonical JSON dialect so the mapping and the event payload agree on every conversion.
     *
     * @throws IllegalArgumentException when the value does not fit the type
     */
    static Object convert(Object value, Type type) {
        if (value == null) {
            return null;
        }
        if (type instanceof Class<?> c && holdsAsIs(c, value)) {
            return value; // already what the component holds: a round trip through JSON would give it back equal
        }
        if (value instanceof List<?> list && isList(type) && elementType(type) instanceof Class<?> c
                && list.stream().allMatch(element -> holdsAsIs(c, element))) {
            return new java.util.ArrayList<>(list);
        }
        if (type instanceof Class<?> c && c.isEnum() && value instanceof String name) {
            Object constant = CONSTANTS.get(c).get(name);
            if (constant != null) {
                return constant; // a constant's own name: what JSON would read it as, without a parser per value
            }
        }
        var mapper = CanonicalJson.mapper();
        return mapper.convertValue(value, mapper.getTypeFactory().constructType(type));
    }

    /** Values of these types are kept as they are (by exact class): converting them through JSON changes nothing. */
    private static boolean holdsAsIs(Class<?> type, Object value) {
        return value != null && value.getClass() == type && (type == String.class || type.isEnum() || type.isRecord()
                || type == Long.class || type == Integer.class || type == Boolean.class);
    }

    /** Calls the canonical constructor with the values by component name; absent names become null. */
    static <R extends Record> R construct(Class<R> recordType, Map<String, Object> values) {
        Shape shape = SHAPES.get(recordType);
        Object[] args = new Object[shape.names().length];
        for (int i = 0; i < args.length; i++) {
            args[i] = values.get(shape.names()[i]);
        }
        try {
            return recordType.cast(shape.constructor().newInstance(args));
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("cannot build " + recordType.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + recordType.getSimpleName(), e);
        }
    }
}
