package io.crmhub.mapping;

import io.crmhub.canonical.EntityRef;

/**
 * {@code ref}: a foreign-key column → a reference to another record of the same source system. The key is
 * kept as the source wrote it; resolving it to a golden record is the store's job, not the mapping's.
 */
final class RefTransform implements Transform {

    private final String entity;

    RefTransform(TransformArgs args) {
        this.entity = args.allow("entity").requiredString("entity");
    }

    @Override
    public Object apply(Object value, FieldContext context) {
        if (TextTransforms.isBlank(value)) {
            return null;
        }
        return new EntityRef(context.system(), entity, TextTransforms.text(value).strip());
    }
}
