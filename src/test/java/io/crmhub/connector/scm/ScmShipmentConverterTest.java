package io.crmhub.connector.scm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.canonical.SourceRef;
import io.crmhub.connector.MalformedSourceRecordException;
import io.crmhub.connector.SourceHeaders;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScmShipmentConverterTest {

    private static final String VALID = """
            {"shipmentNumber": " ＳＨ-0001 ", "version": 3, "eventTime": "2024-06-04T13:00:00+08:00",
             "orderNumber": "SO-1", "status": "DISPATCHED", "weightKg": 1.250, "pieces": 2, "fragile": true,
             "recipient": {"name": "Wang"}, "deliveredAt": null}
            """;

    private final CamelContext camel = new DefaultCamelContext();
    private final ScmShipmentConverter converter = new ScmShipmentConverter();

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    @Test
    void aShipmentEventBecomesASourceChangeKeyedByShipmentNumberWithTheScmVersionAsSequence() {
        Exchange exchange = record("SH-0001", VALID, 2, 17);
        SourceChange change = converter.convert(exchange);

        assertThat(change.system()).isEqualTo("scm");
        assertThat(change.entity()).isEqualTo("shipments");
        assertThat(change.key()).isEqualTo("SH-0001");
        assertThat(change.op()).isEqualTo(ChangeOp.UPDATE);
        assertThat(change.position()).isEqualTo("scm.shipments/2@17");
        assertThat(change.sequence()).isEqualTo(3);
        assertThat(change.occurredAt()).isEqualTo(Instant.parse("2024-06-04T05:00:00Z"));
        assertThat(change.row()).containsEntry("orderNumber", "SO-1").containsEntry("version", 3L)
                .containsEntry("weightKg", "1.250").containsEntry("pieces", 2L).containsEntry("fragile", true)
                .containsEntry("recipient", "{\"name\":\"Wang\"}").containsEntry("deliveredAt", null);
        assertThat(exchange.getMessage().getHeader(SourceHeaders.SOURCE_REF))
                .isEqualTo(new SourceRef("scm", "shipments", "SH-0001", "scm.shipments/2@17", 3));
    }

    @Test
    void theFirstVersionIsACreate() {
        String first = VALID.replace("\"version\": 3", "\"version\": 1");
        assertThat(converter.convert(record("SH-0001", first, 0, 1)).op()).isEqualTo(ChangeOp.CREATE);
    }

    // Jackson places a bad token just after it ("not" → column 4) and a misplaced character at itself.
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "not json at all                                                  | not JSON at line 1, column 4",
            "'{\"shipmentNumber\": \"SH-1\",\n \"version\": }'                | not JSON at line 2, column 13",
            "'{\"shipmentNumber\": \"SH-1\"} trailing'                        | not JSON at line 1, column 36",
            "'[1, 2]'                                                         | not a JSON object but array",
            "'   '                                                            | empty message",
            "'{\"version\": 1, \"eventTime\": \"2024-06-04T13:00:00+08:00\"}' | missing shipmentNumber",
            "'{\"shipmentNumber\": \" \", \"version\": 1}'                    | missing shipmentNumber",
            "'{\"shipmentNumber\": {\"a\": 1}, \"version\": 1}'               | shipmentNumber is not text",
            "'{\"shipmentNumber\": \"SH-1\", \"eventTime\": \"x\"}'           | missing version",
            "'{\"shipmentNumber\": \"SH-1\", \"version\": \"2\"}'             | version is not a whole number of at least 1",
            "'{\"shipmentNumber\": \"SH-1\", \"version\": 0}'                 | version is not a whole number of at least 1",
            "'{\"shipmentNumber\": \"SH-1\", \"version\": 2}'                 | missing eventTime",
            "'{\"shipmentNumber\": \"SH-1\", \"version\": 2, \"eventTime\": \"2024-06-04 13:00\"}' | eventTime is not an ISO-8601 timestamp with offset",
    })
    void unreadableMessagesAreMalformedWithASpecificReasonAndTheKafkaKeyAndPositionAreKept(String body, String reason) {
        Exchange exchange = record("K-9", body, 1, 5);
        assertThatThrownBy(() -> converter.convert(exchange))
                .isInstanceOf(MalformedSourceRecordException.class).hasMessage(reason);
        assertThat(exchange.getMessage().getHeader(SourceHeaders.SOURCE_REF))
                .isEqualTo(new SourceRef("scm", "shipments", "K-9", "scm.shipments/1@5", 0));
    }

    @Test
    void aTombstoneIsMalformedToo() {
        assertThatThrownBy(() -> converter.convert(record("SH-0001", null, 0, 9)))
                .isInstanceOf(MalformedSourceRecordException.class)
                .hasMessage("tombstone (null value): SCM shipments are never deleted");
    }

    @Test
    void reasonsNeverQuoteTheMessage() {
        String secret = "{\"shipmentNumber\": \"SH-1\", \"version\": 1, \"recipient\": 王芳}";
        assertThatThrownBy(() -> converter.convert(record("SH-1", secret, 0, 1)))
                .isInstanceOf(MalformedSourceRecordException.class)
                .message().doesNotContain("王芳").startsWith("not JSON at line 1, column");
    }

    private Exchange record(String key, String body, int partition, long offset) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(KafkaConstants.TOPIC, "scm.shipments");
        exchange.getMessage().setHeader(KafkaConstants.PARTITION, partition);
        exchange.getMessage().setHeader(KafkaConstants.OFFSET, offset);
        exchange.getMessage().setHeader(KafkaConstants.KEY, key);
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
