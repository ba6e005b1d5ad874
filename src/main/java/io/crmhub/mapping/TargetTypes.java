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

    static Map<String, Type> components(Class<?> recordType) {
        Map<String, Type> result = new LinkedHashMap<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            result.put(component.getName(), component.getGenericType());
        }
        return result;
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
        var mapper = CanonicalJson.mapper();
        return mapper.convertValue(value, mapper.getTypeFactory().constructType(type));
    }

    /** Calls the canonical constructor with the values by component name; absent names become null. */
    static <R extends Record> R construct(Class<R> recordType, Map<String, Object> values) {
        RecordComponent[] components = recordType.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] args = Arrays.stream(components).map(c -> values.get(c.getName())).toArray();
        try {
            Constructor<R> constructor = recordType.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("cannot build " + recordType.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + recordType.getSimpleName(), e);
        }
    }
}
