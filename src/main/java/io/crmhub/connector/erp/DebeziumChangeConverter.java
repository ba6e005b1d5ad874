package io.crmhub.connector.erp;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.CdcLagMetrics;
import io.crmhub.connector.debezium.ChangeRecordConverter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.springframework.stereotype.Component;

/**
 * The boundary between Debezium and the hub: a Debezium change record (its envelope Struct) becomes a
 * {@link SourceChange} with plain values. Nothing downstream sees a Kafka Connect type.
 */
@Component("erpChangeConverter")
public class DebeziumChangeConverter extends ChangeRecordConverter {

    public DebeziumChangeConverter(CdcLagMetrics lag) {
        super(lag);
        // the connector's topic prefix is "erp" (ErpCdcConfiguration)
        lag.exportDebeziumStreaming("erp", "postgres", "erp");
    }

    @Override
    protected SourceChange change(SourceRecord record) {
        Struct envelope = record.value() instanceof Struct s ? s : null;
        ChangeOp op = operation(envelope == null ? null : envelope.getString("op"));
        Struct source = envelope.getStruct("source");
        Struct row = envelope.getStruct(op.isDelete() ? "before" : "after");
        Struct key = record.key() instanceof Struct k ? k : null;
        long lsn = longValue(source.get("lsn"));
        return new SourceChange(
                "erp",
                source.getString("table"),
                op,
                keyOf(key),
                "lsn:" + lsn + ",tx:" + source.get("txId"),
                lsn,
                Instant.ofEpochMilli(longValue(source.get("ts_ms"))),
                row == null ? Map.of() : toPlainMap(row));
    }

    public static ChangeOp operation(String code) {
        if (code == null) {
            throw new IllegalArgumentException("Debezium record without operation (tombstone?)");
        }
        return switch (code) {
            case "c" -> ChangeOp.CREATE;
            case "u" -> ChangeOp.UPDATE;
            case "d" -> ChangeOp.DELETE;
            case "r" -> ChangeOp.READ;
            default -> throw new IllegalArgumentException("unknown Debezium operation '" + code + "'");
        };
    }

    public static String keyOf(Struct key) {
        if (key == null) {
            throw new IllegalArgumentException("Debezium record without key: the table needs a primary key");
        }
        return key.schema().fields().stream()
                .map(f -> String.valueOf(plainValue(f.schema(), key.get(f))))
                .collect(Collectors.joining("|"));
    }

    public static Map<String, Object> toPlainMap(Struct struct) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : struct.schema().fields()) {
            out.put(f.name(), plainValue(f.schema(), struct.get(f)));
        }
        return out;
    }

    /** Debezium's logical types become ISO strings; numbers stay numbers; decimals arrive as strings. */
    static Object plainValue(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        String logical = schema.name();
        if (logical != null) {
            switch (logical) {
                case "io.debezium.time.Date":
                    return LocalDate.ofEpochDay(((Number) value).longValue()).toString();
                case "io.debezium.time.Timestamp":
                    return Instant.ofEpochMilli(((Number) value).longValue()).toString();
                case "io.debezium.time.MicroTimestamp":
                    return Instant.EPOCH.plusNanos(((Number) value).longValue() * 1000).toString();
                case "org.apache.kafka.connect.data.Date", "org.apache.kafka.connect.data.Timestamp":
                    return ((java.util.Date) value).toInstant().toString();
                default:
                    break;
            }
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Short s) {
            return s.intValue();
        }
        if (value instanceof Byte b) {
            return b.intValue();
        }
        return value;
    }

    private static long longValue(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("Debezium source metadata lacks a numeric position: " + o);
    }
}
