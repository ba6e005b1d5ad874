package io.crmhub.connector.debezium;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.CdcLagMetrics;
import io.crmhub.connector.SourceHeaders;
import io.crmhub.connector.WholeBatch;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The boundary between a Debezium connector and the hub, as a capture route uses it: a captured batch converted in one
 * call ({@link #convertAll}), or, when a record of it cannot be converted, record by record ({@link #convert}) so that
 * record alone goes to the dead letter. Each connector says how one of its records becomes a {@link SourceChange}.
 */
public abstract class ChangeRecordConverter {

    private final CdcLagMetrics lag;

    protected ChangeRecordConverter(CdcLagMetrics lag) {
        this.lag = lag;
    }

    /** One change record of the connector, as plain values; throws when it is not a change the hub can read. */
    protected abstract SourceChange change(SourceRecord record);

    /** One change record of a captured batch; the exchange is the record's own (its header names it for a dead letter). */
    public SourceChange convert(SourceRecord record, Exchange exchange) {
        SourceChange change = change(record);
        exchange.getMessage().setHeader(SourceHeaders.SOURCE_REF, change.sourceRef());
        captured(change);
        return change;
    }

    /**
     * A captured batch converted in one call ({@link WholeBatch}): the body becomes its changes, in order; when a record
     * cannot be converted the body stays the records and the route converts them one by one with {@link #convert}.
     */
    public void convertAll(Exchange exchange) {
        List<SourceChange> changes = WholeBatch.apply(exchange, record -> change((SourceRecord) record));
        if (changes != null) {
            changes.forEach(this::captured);
            exchange.getMessage().setBody(changes);
        }
    }

    private void captured(SourceChange change) {
        if (change.op() != ChangeOp.READ) {
            // a snapshot read carries the snapshot's time, not a commit: it says nothing about lag
            lag.captured(change.system(), change.occurredAt());
        }
    }
}
