package io.crmhub.connector.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Processor;
import org.apache.camel.component.debezium.DebeziumEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The acknowledgement contract of the batch consumer, isolated from Debezium: a batch is marked processed only after
 * the route completed it, and a batch whose route failed is thrown back unacknowledged (so Debezium reads it again).
 */
class GracefulDebeziumConsumerTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final List<SourceRecord> routed = new ArrayList<>();
    private final Committer committer = new Committer();

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    @Test
    void aCompletedBatchIsHandedOverWholeThenEveryRecordIsMarkedAndTheBatchFinished() throws Exception {
        List<ChangeEvent<SourceRecord, SourceRecord>> batch = batch(3);

        consumer(exchange -> routed.addAll(exchange.getMessage().getBody(List.class))).handleBatch(batch, committer);

        assertThat(routed).containsExactlyElementsOf(batch.stream().map(ChangeEvent::value).toList());
        assertThat(committer.processed).containsExactlyElementsOf(batch);
        assertThat(committer.batchesFinished).isEqualTo(1);
    }

    @Test
    void aBatchWhoseRouteFailedIsNeitherMarkedNorFinished() {
        GracefulDebeziumConsumer consumer = consumer(exchange -> exchange.setException(
                new org.apache.kafka.common.errors.RecordTooLargeException("broker refused the batch")));

        assertThatThrownBy(() -> consumer.handleBatch(batch(2), committer))
                .isInstanceOf(RecordNotDeliveredException.class).hasMessageContaining("not acknowledged");
        assertThat(committer.processed).isEmpty();
        assertThat(committer.batchesFinished).isZero();
    }

    @Test
    void aBatchWhoseRouteThrewIsNeitherMarkedNorFinished() {
        GracefulDebeziumConsumer consumer = consumer(exchange -> {
            throw new IllegalStateException("route broken");
        });

        assertThatThrownBy(() -> consumer.handleBatch(batch(2), committer))
                .isInstanceOf(RecordNotDeliveredException.class);
        assertThat(committer.processed).isEmpty();
        assertThat(committer.batchesFinished).isZero();
    }

    private GracefulDebeziumConsumer consumer(Processor route) {
        GracefulDebeziumComponent component = new GracefulDebeziumComponent(1000);
        component.setCamelContext(camel);
        DebeziumEndpoint<?> debezium = mock(DebeziumEndpoint.class);
        GracefulDebeziumEndpoint endpoint = new GracefulDebeziumEndpoint("graceful-debezium:test", component, debezium,
                1000);
        return new GracefulDebeziumConsumer(endpoint, debezium, route, 1000);
    }

    private static List<ChangeEvent<SourceRecord, SourceRecord>> batch(int size) {
        List<ChangeEvent<SourceRecord, SourceRecord>> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            SourceRecord record = new SourceRecord(null, null, "erp.public.customers", null, "change " + i);
            events.add(new ChangeEvent<>() {
                public SourceRecord key() {
                    return null;
                }

                public SourceRecord value() {
                    return record;
                }

                public String destination() {
                    return record.topic();
                }

                public Integer partition() {
                    return null;
                }
            });
        }
        return events;
    }

    /** Records what the consumer acknowledged. */
    private static final class Committer implements DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> {
        final List<ChangeEvent<SourceRecord, SourceRecord>> processed = new ArrayList<>();
        int batchesFinished;

        @Override
        public void markProcessed(ChangeEvent<SourceRecord, SourceRecord> record) {
            processed.add(record);
        }

        @Override
        public void markBatchFinished() {
            batchesFinished++;
        }

        @Override
        public void markProcessed(ChangeEvent<SourceRecord, SourceRecord> record, DebeziumEngine.Offsets offsets) {
            processed.add(record);
        }

        @Override
        public DebeziumEngine.Offsets buildOffsets() {
            throw new UnsupportedOperationException();
        }
    }
}
