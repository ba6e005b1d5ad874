package io.crmhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.MalformedSourceRecordException;
import io.crmhub.connector.scm.ScmShipmentMessage;
import io.crmhub.mapping.MappingEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo SCM's events are ones the real connector and mapping accept, in the order a shipment lives. */
class ScmEventGeneratorTest {

    private static final MappingEngine MAPPING = MappingEngine.load();

    private final ScmEventGenerator gen = new ScmEventGenerator(42,
            Clock.fixed(Instant.parse("2024-06-04T05:00:00Z"), ZoneOffset.UTC));

    @Test
    void everyShipmentGoesFromCreatedToDeliveredWithVersionsOneToFourAndMapsCleanly() throws Exception {
        Map<String, List<String>> statuses = new LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            ScmEventGenerator.ScmMessage m = gen.next(0, () -> "SO-000042");
            ScmShipmentMessage msg = ScmShipmentMessage.parse(m.value());
            assertThat(msg.shipmentNumber()).isEqualTo(m.key());
            List<String> seen = statuses.computeIfAbsent(m.key(), k -> new ArrayList<>());
            assertThat(msg.version()).isEqualTo(seen.size() + 1);
            CanonicalEvent event = MAPPING.map(new SourceChange("scm", "shipments", ChangeOp.UPDATE, m.key(),
                    "t/0@" + i, msg.version(), msg.eventTime(), msg.row()), Instant.now());
            assertThat(event.payload().get("orderNumber").asText()).isEqualTo("SO-000042");
            seen.add(event.payload().get("status").asText());
        }
        assertThat(statuses.values()).allSatisfy(s -> assertThat(List.of("CREATED", "SHIPPED", "IN_TRANSIT", "DELIVERED"))
                .startsWith(s.toArray(String[]::new)));
        assertThat(statuses.values()).anySatisfy(s -> assertThat(s).hasSize(4));
    }

    @Test
    void noOrderYetMeansNoEvent() {
        assertThat(gen.next(0, () -> null)).isNull();
    }

    @Test
    void malformedMessagesAreOnesTheConnectorRejects() {
        for (int i = 0; i < 20; i++) {
            String value = gen.next(100, () -> "SO-1").value();
            assertThatThrownBy(() -> ScmShipmentMessage.parse(value)).isInstanceOf(MalformedSourceRecordException.class);
        }
    }
}
