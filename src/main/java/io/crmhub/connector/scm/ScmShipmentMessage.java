package io.crmhub.connector.scm;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.crmhub.connector.MalformedSourceRecordException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One SCM shipment event as read off the topic: the envelope fields the connector itself needs (which
 * shipment, which version of it, when) and every top-level field as a plain value for the mapping.
 * Reasons for rejecting a message name the field or the place in the text, never a value: the message
 * may carry recipient names and addresses.
 *
 * @param shipmentNumber the shipment's number, trimmed and half-width (the source key)
 * @param version        SCM's per-shipment change counter, grows by one with each change of the shipment
 * @param eventTime      when the change happened in SCM
 * @param row            top-level fields as String, Long, Boolean or null; decimals and nested JSON as text
 */
public record ScmShipmentMessage(String shipmentNumber, long version, Instant eventTime, Map<String, Object> row) {

    // Trailing tokens fail: '{"a":1} garbage' is a broken message, not a valid one with noise after it.
    // Decimals are read exactly, as written: a double would make '0.1' a binary guess and '1.250' 1.25.
    private static final ObjectReader READER = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true)).readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * @throws MalformedSourceRecordException when the text is not a JSON object with the envelope fields
     */
    public static ScmShipmentMessage parse(String text) {
        if (text == null) {
            throw new MalformedSourceRecordException("tombstone (null value): SCM shipments are never deleted");
        }
        JsonNode json = readTree(text);
        if (!json.isObject()) {
            throw new MalformedSourceRecordException("not a JSON object but " + json.getNodeType().name().toLowerCase());
        }
        return new ScmShipmentMessage(shipmentNumber(json), version(json), eventTime(json), row(json));
    }

    private static JsonNode readTree(String text) {
        if (text.isBlank()) {
            throw new MalformedSourceRecordException("empty message");
        }
        try {
            return READER.readValue(text);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending text; only the place is kept.
            JsonLocation at = e.getLocation();
            throw new MalformedSourceRecordException(at == null ? "not JSON"
                    : "not JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        } catch (java.io.IOException e) {
            throw new MalformedSourceRecordException("not JSON: " + e.getClass().getSimpleName());
        }
    }

    static String shipmentNumber(JsonNode json) {
        JsonNode node = required(json, "shipmentNumber");
        if (!node.isTextual() && !node.isIntegralNumber()) {
            throw new MalformedSourceRecordException("shipmentNumber is not text");
        }
        // the key identifies the shipment: 'ＳＨ００１' typed by hand and 'SH001' are the same shipment
        String number = Normalizer.normalize(node.asText(), Normalizer.Form.NFKC).strip();
        if (number.isEmpty()) {
            throw new MalformedSourceRecordException("missing shipmentNumber");
        }
        return number;
    }

    static long version(JsonNode json) {
        JsonNode node = required(json, "version");
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 1) {
            throw new MalformedSourceRecordException("version is not a whole number of at least 1");
        }
        return node.asLong();
    }

    static Instant eventTime(JsonNode json) {
        JsonNode node = required(json, "eventTime");
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedSourceRecordException("eventTime is not an ISO-8601 timestamp with offset");
        }
    }

    private static JsonNode required(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull() || node.isTextual() && node.asText().isBlank()) {
            throw new MalformedSourceRecordException("missing " + field);
        }
        return node;
    }

    private static Map<String, Object> row(JsonNode json) {
        Map<String, Object> row = new LinkedHashMap<>();
        json.fields().forEachRemaining(f -> row.put(f.getKey(), plain(f.getValue())));
        return Collections.unmodifiableMap(row);
    }

    /** Plain values only (SourceChange's contract); decimals stay text so no precision is lost. */
    static Object plain(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.decimalValue().toPlainString();
        }
        return node.toString();
    }
}
