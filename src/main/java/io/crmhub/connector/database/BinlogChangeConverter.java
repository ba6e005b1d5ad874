package io.crmhub.connector.database;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.CdcLagMetrics;
import io.crmhub.connector.debezium.ChangeRecordConverter;
import io.crmhub.connector.erp.DebeziumChangeConverter;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.springframework.stereotype.Component;

/**
 * The boundary between Debezium's binlog connectors (MySQL, MariaDB) and the hub: a change record becomes a
 * {@link SourceChange} of the source system named by the record's topic prefix (the source's {@code name}), with the
 * same plain values as the PostgreSQL ERP's ({@link DebeziumChangeConverter}). The position names the binlog file,
 * offset and row, so a dead letter says where in the binlog its row was written.
 */
@Component("databaseChangeConverter")
public class BinlogChangeConverter extends ChangeRecordConverter {

    public BinlogChangeConverter(CdcLagMetrics lag) {
        super(lag);
    }

    @Override
    protected SourceChange change(SourceRecord record) {
        if (!(record.value() instanceof Struct envelope) || envelope.schema().field("op") == null) {
            throw new IllegalArgumentException("binlog record without a change envelope (tombstone or schema change) "
                    + "on topic " + record.topic());
        }
        ChangeOp op = DebeziumChangeConverter.operation(envelope.getString("op"));
        Struct source = envelope.getStruct("source");
        Struct row = envelope.getStruct(op.isDelete() ? "before" : "after");
        String file = source.getString("file");
        long pos = ((Number) source.get("pos")).longValue();
        int rowInEvent = source.get("row") instanceof Number n ? n.intValue() : 0;
        Object gtid = source.schema().field("gtid") == null ? null : source.get("gtid");
        String system = systemOf(record.topic());
        return new SourceChange(
                system,
                source.getString("table"),
                op,
                DebeziumChangeConverter.keyOf(record.key() instanceof Struct k ? k : null),
                "binlog:" + file + ":" + pos + ",row:" + rowInEvent + (gtid == null ? "" : ",gtid:" + gtid),
                BinlogPositions.sequence(file, pos, rowInEvent),
                Instant.ofEpochMilli(((Number) source.get("ts_ms")).longValue()),
                row == null ? Map.of() : DebeziumChangeConverter.toPlainMap(row));
    }

    /** Debezium's topic of a binlog change is {@code <topic.prefix>.<database>.<table>}; the prefix is the source name. */
    static String systemOf(String topic) {
        int dot = topic.indexOf('.');
        return dot < 0 ? topic : topic.substring(0, dot);
    }
}
