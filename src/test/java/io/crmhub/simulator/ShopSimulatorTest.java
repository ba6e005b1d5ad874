package io.crmhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.crmhub.connector.shop.EncodingDetector;
import io.crmhub.connector.shop.ShopConnectorProperties;
import io.crmhub.connector.shop.ShopFileChanges;
import io.crmhub.connector.shop.ShopFileIntake;
import io.crmhub.mapping.MappingEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo shop's exports must be files the connector reads without a single reject (when told so). */
class ShopSimulatorTest {

    @TempDir
    Path inbox;

    @Test
    void dropsAnOrdersCsvAndACustomersJsonlTheConnectorAcceptsInFull() throws Exception {
        ShopConnectorProperties shop = new ShopConnectorProperties(true, inbox.toString(), 0, 1000,
                ZoneId.of("Asia/Shanghai"), 65536);
        JdbcTemplate crm = mock(JdbcTemplate.class);
        when(crm.queryForList(anyString())).thenReturn(List.of());
        new ShopSimulator(new ShopSimulatorProperties(true, 1000, 20, 0), shop, crm).export();

        List<Path> files;
        try (var list = Files.list(inbox)) {
            files = list.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString().replaceAll("\\d{8}T\\d{6}", "STAMP"))
                .containsExactly("customers-STAMP.jsonl", "orders-STAMP.csv");
        ShopFileIntake intake = new ShopFileIntake(shop, null, MappingEngine.load());
        for (Path file : files) {
            String kind = file.toString().endsWith(".csv") ? "orders" : "customers";
            try (ShopFileChanges changes = intake.open(file, file.getFileName().toString(), kind,
                    EncodingDetector.detect(file))) {
                changes.forEachRemaining(c -> { });
                assertThat(changes.rejectedRows()).as(kind).isZero();
                assertThat(changes.acceptedRows()).as(kind).isGreaterThanOrEqualTo(20);
            }
        }
    }
}
