package io.crmhub.mapping;

import java.util.List;
import java.util.Map;

/** The registry of named transforms a mapping file may use. */
public final class Transforms {

    /** Every transform name, in the order the README documents them. */
    public static final List<String> NAMES = List.of("trim", "lower", "upper", "halfwidth",
            "collapse-whitespace", "blank-to-null", "phone", "email", "decimal", "date", "timestamp",
            "currency", "map", "integer", "ref", "default");

    private Transforms() {}

    /**
     * Builds a configured transform.
     *
     * @throws IllegalArgumentException for an unknown name or bad arguments, so loading fails fast
     */
    public static Transform create(String name, Map<String, Object> args) {
        TransformArgs a = new TransformArgs(name, args);
        return switch (name) {
            case "trim" -> noArgs(a, TextTransforms::trim);
            case "lower" -> noArgs(a, TextTransforms::lower);
            case "upper" -> noArgs(a, TextTransforms::upper);
            case "halfwidth" -> noArgs(a, TextTransforms::halfwidth);
            case "collapse-whitespace" -> noArgs(a, TextTransforms::collapseWhitespace);
            case "blank-to-null" -> noArgs(a, TextTransforms::blankToNull);
            case "phone" -> new PhoneTransform(a);
            case "email" -> noArgs(a, new EmailTransform());
            case "decimal" -> new DecimalTransform(a);
            case "date" -> noArgs(a, new DateTransform());
            case "timestamp" -> new TimestampTransform(a);
            case "currency" -> noArgs(a, new CurrencyTransform());
            case "map" -> new CodeMapTransform(a);
            case "integer" -> noArgs(a, new IntegerTransform());
            case "ref" -> new RefTransform(a);
            case "default" -> TextTransforms.defaultValue(a);
            default -> throw new IllegalArgumentException("unknown transform '" + name + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }

    public static Transform create(String name) {
        return create(name, Map.of());
    }

    private static Transform noArgs(TransformArgs args, Transform transform) {
        args.allow();
        return transform;
    }
}
