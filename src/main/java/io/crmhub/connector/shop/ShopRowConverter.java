package io.crmhub.connector.shop;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import java.text.Normalizer;
import java.util.Map;

/**
 * The boundary between shop files and the hub: a parsed row (column → plain value) becomes a
 * {@link SourceChange} of system {@code shop}. Keys are normalised here (NFKC, trimmed) because a key typed
 * with full-width digits must name the same record as its half-width spelling; every other value is left to
 * the mappings under {@code mappings/shop/}.
 *
 * <p>Every row is an {@link ChangeOp#UPDATE}: an export carries the current state of a record and cannot
 * tell whether the hub has seen it before; the store upserts either way. Shop exports carry no deletes.
 */
public final class ShopRowConverter {

    public static final String SYSTEM = "shop";
    public static final String ORDERS = "orders";
    public static final String ORDER_LINES = "order_lines";
    public static final String CUSTOMERS = "customers";

    private ShopRowConverter() {}

    /** The order header carried by an order-line row (the export repeats it on every line of the order). */
    public static SourceChange order(ShopExport export, long line, Map<String, Object> row) throws RowRejectedException {
        return change(export, line, ORDERS, key(row, "order_no"), row);
    }

    public static SourceChange orderLine(ShopExport export, long line, Map<String, Object> row)
            throws RowRejectedException {
        return change(export, line, ORDER_LINES, key(row, "order_no") + "|" + key(row, "line_no"), row);
    }

    public static SourceChange customer(ShopExport export, long line, Map<String, Object> row)
            throws RowRejectedException {
        return change(export, line, CUSTOMERS, key(row, "customer_id"), row);
    }

    private static SourceChange change(ShopExport export, long line, String entity, String key,
            Map<String, Object> row) {
        return new SourceChange(SYSTEM, entity, ChangeOp.UPDATE, key, export.position(line),
                export.sequence(line), export.exportedAt(), row);
    }

    /** The same normalisation the mappings apply ({@code trim, halfwidth}), so references and keys agree. */
    static String key(Map<String, Object> row, String column) throws RowRejectedException {
        Object value = row.get(column);
        String key = value == null ? "" : Normalizer.normalize(value.toString(), Normalizer.Form.NFKC).strip();
        if (key.isEmpty()) {
            throw new RowRejectedException(column + " is missing");
        }
        return key;
    }
}
