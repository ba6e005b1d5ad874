package io.crmhub.connector.erp;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.SourceHeaders;
import io.crmhub.ops.metrics.CdcLagMetrics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.springframework.stereotype.Component;

/**
 * The boundary between Debezium and the hub: a Debezium change (Struct body and headers) becomes a
 * {@link SourceChange} with plain values. Nothing downstream sees a Kafka Connect type.
 */
@Component("erpChangeConverter")
public class DebeziumChangeConverter {

    private final CdcLagMetrics lag;

    public DebeziumChangeConverter(CdcLagMetrics lag) {
        this.lag = lag;
        // the connector's topic prefix is "erp" (ErpCdcConfiguration)
        lag.exportDebeziumStreaming("erp", "postgres", "erp");
    }

    public SourceChange convert(Exchange exchange) {
        Message in = exchange.getMessage();
        ChangeOp op = operation(in.getHeader(DebeziumConstants.HEADER_OPERATION, String.class));
        Map<?, ?> meta = in.getHeader(DebeziumConstants.HEADER_SOURCE_METADATA, Map.class);
        Struct row = op.isDelete()
                ? in.getHeader(DebeziumConstants.HEADER_BEFORE, Struct.class)
                : in.getBody(Struct.class);
        Struct key = in.getHeader(DebeziumConstants.HEADER_KEY, Struct.class);
        long lsn = longValue(meta.get("lsn"));
        SourceChange change = new SourceChange(
                "erp",
                String.valueOf(meta.get("table")),
                op,
                keyOf(key),
                "lsn:" + lsn + ",tx:" + meta.get("txId"),
                lsn,
                Instant.ofEpochMilli(longValue(meta.get("ts_ms"))),
                row == null ? Map.of() : toPlainMap(row));
        in.setHeader(SourceHeaders.SOURCE_REF, change.sourceRef());
        if (op != ChangeOp.READ) {
            // a snapshot read carries the snapshot's time, not a commit: it says nothing about lag
            lag.captured("erp", change.occurredAt());
        }
        return change;
    }

    static ChangeOp operation(String code) {
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

    static String keyOf(Struct key) {
        if (key == null) {
            throw new IllegalArgumentException("Debezium record without key: the table needs a primary key");
        }
        return key.schema().fields().stream()
                .map(f -> String.valueOf(plainValue(f.schema(), key.get(f))))
                .collect(Collectors.joining("|"));
    }

    static Map<String, Object> toPlainMap(Struct struct) {
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
