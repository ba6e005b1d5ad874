package io.crmhub.connector.shop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmhub.canonical.SourceChange;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Customer registrations as JSON Lines: one flat JSON object per line. Values become plain values
 * (text, whole numbers that fit a long, booleans, null); nested objects or arrays reject the line.
 */
final class CustomerRows implements RowSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShopExport export;

    CustomerRows(ShopExport export) {
        this.export = export;
    }

    @Override
    public List<SourceChange> changes(TextLine line) throws RowRejectedException {
        JsonNode node;
        try {
            node = JSON.readTree(line.text());
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input, which may be personal data: say where, not what
            throw new RowRejectedException("not valid JSON (at column " + e.getLocation().getColumnNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new RowRejectedException("not a JSON object");
        }
        return List.of(ShopRowConverter.customer(export, line.number(), plain(node)));
    }

    private static Map<String, Object> plain(JsonNode object) throws RowRejectedException {
        Map<String, Object> row = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            row.put(field.getKey(), value(field.getKey(), field.getValue()));
        }
        return row;
    }

    private static Object value(String name, JsonNode v) throws RowRejectedException {
        if (v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isValueNode()) {
            // decimals stay text so no precision is lost; the mapping decides what a valid amount is
            return v.asText();
        }
        throw new RowRejectedException("field " + name + " is not a plain value");
    }
}
