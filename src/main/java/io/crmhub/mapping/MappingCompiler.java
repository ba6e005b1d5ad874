package io.crmhub.mapping;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.Interaction;
import io.crmhub.canonical.Order;
import io.crmhub.canonical.OrderLine;
import io.crmhub.canonical.Payment;
import io.crmhub.canonical.Shipment;
import io.crmhub.mapping.MappingFile.FieldSpec;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks a {@link MappingFile} against the canonical record it targets and compiles it. Everything that
 * can be known before the first row arrives is checked here, so a broken file stops the start-up with its
 * name and field instead of dead-lettering every row.
 */
final class MappingCompiler {

    private static final Map<EntityType, Class<? extends Record>> RECORDS = Map.of(
            EntityType.CUSTOMER, Customer.class, EntityType.ORDER, Order.class,
            EntityType.ORDER_LINE, OrderLine.class, EntityType.PAYMENT, Payment.class,
            EntityType.INTERACTION, Interaction.class, EntityType.SHIPMENT, Shipment.class);

    private final String file;

    MappingCompiler(String file) {
        this.file = file;
    }

    EntityMapping compile(MappingFile spec) {
        require(spec.id(), "id");
        require(spec.version(), "version");
        require(spec.source(), "source");
        require(spec.source().system(), "source.system");
        require(spec.source().entity(), "source.entity");
        require(spec.target(), "target");
        if (spec.fields() == null || spec.fields().isEmpty()) {
            throw new MappingDefinitionException(file, null, "has no fields");
        }
        EntityType target;
        try {
            target = EntityType.fromId(spec.target());
        } catch (IllegalArgumentException e) {
            throw new MappingDefinitionException(file, null, e.getMessage());
        }
        Class<? extends Record> recordType = RECORDS.get(target);
        String prefix = spec.source().entity() + ".";
        List<FieldMapping> fields = compileFields(spec.fields(), recordType, "", prefix, spec.source().system(),
                false);
        return new EntityMapping(spec.id(), spec.version(), spec.source().system(), spec.source().entity(),
                target, recordType, fields, file);
    }

    /** @param pii inherited: every part of a personal-data object (an address) is personal data too */
    private List<FieldMapping> compileFields(Map<String, FieldSpec> specs, Class<?> recordType, String path,
                                             String prefix, String system, boolean pii) {
        Map<String, Type> components = TargetTypes.components(recordType);
        List<FieldMapping> result = new ArrayList<>();
        specs.forEach((name, spec) -> {
            String field = path + name;
            Type type = components.get(name);
            if (type == null) {
                fail(field, "is not a field of " + recordType.getSimpleName() + " (fields: "
                        + String.join(", ", components.keySet()) + ")");
            }
            if (spec == null) {
                fail(field, "has no 'from'");
            }
            result.add(compileField(name, field, spec, type, prefix, system, pii || spec.pii()));
        });
        return result;
    }

    private FieldMapping compileField(String name, String field, FieldSpec spec, Type type, String prefix,
                                      String system, boolean pii) {
        List<String> from = spec.from() == null ? List.of() : spec.from();
        int sources = (from.isEmpty() ? 0 : 1) + (spec.value() == null ? 0 : 1) + (spec.object() == null ? 0 : 1);
        if (sources == 0) {
            fail(field, "has no 'from' (or 'value' / 'object')");
        }
        if (sources > 1) {
            fail(field, "must have only one of 'from', 'value', 'object'");
        }
        if (spec.list() != TargetTypes.isList(type)) {
            fail(field, spec.list() ? "is not a list in the canonical model; remove 'list: true'"
                    : "is a list in the canonical model; add 'list: true'");
        }
        Class<?> element = TargetTypes.rawClass(TargetTypes.elementType(type));
        if (element.isPrimitive() && !spec.required()) {
            fail(field, "is a primitive " + element + " and must be 'required: true'");
        }
        List<FieldMapping> children = List.of();
        if (spec.object() != null) {
            if (!element.isRecord()) {
                fail(field, "is not a nested record; 'object' cannot be used");
            }
            children = compileFields(spec.object(), element, field + ".", prefix, system, pii);
        }
        boolean dropInvalid = dropInvalid(field, spec);
        FieldContext context = new FieldContext(prefix + field, pii, system);
        List<Transform> transforms = compileTransforms(field, spec.transforms(), element);
        return new FieldMapping(name, context, from, spec.value(), transforms, spec.required(), spec.list(),
                children, type, dropInvalid);
    }

    private boolean dropInvalid(String field, FieldSpec spec) {
        String invalid = spec.invalid() == null ? "reject" : spec.invalid();
        if (!invalid.equals("reject") && !invalid.equals("drop")) {
            fail(field, "has 'invalid: " + invalid + "'; use 'reject' or 'drop'");
        }
        if (invalid.equals("drop") && (spec.required() || spec.object() != null)) {
            fail(field, "cannot drop invalid values: it is required or a nested object");
        }
        return invalid.equals("drop");
    }

    private List<Transform> compileTransforms(String field, List<Object> specs, Class<?> element) {
        List<Transform> result = new ArrayList<>();
        for (Object spec : specs == null ? List.of() : specs) {
            try {
                Transform transform = TransformSpecs.create(spec);
                checkEnumValues(transform, element);
                result.add(transform);
            } catch (IllegalArgumentException e) {
                fail(field, e.getMessage());
            }
        }
        return result;
    }

    /** A 'map' into an enum field must only produce constants of that enum, or every row would fail later. */
    private static void checkEnumValues(Transform transform, Class<?> element) {
        if (transform instanceof CodeMapTransform map && element.isEnum()) {
            List<String> constants = Arrays.stream(element.getEnumConstants()).map(Object::toString).toList();
            map.values().values().stream().filter(v -> !constants.contains(v)).findFirst().ifPresent(v -> {
                throw new IllegalArgumentException("transform 'map' produces '" + v + "', which is not one of "
                        + String.join(", ", constants));
            });
        }
    }

    private void require(Object value, String key) {
        if (value == null || value.toString().isBlank()) {
            throw new MappingDefinitionException(file, null, "missing '" + key + "'");
        }
    }

    private void fail(String field, String problem) {
        throw new MappingDefinitionException(file, field, problem);
    }
}
