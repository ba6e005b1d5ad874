package io.crmhub.kpi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes {@code hub.kpi.rates} to kpi_currency_rate and the zone and complaint SLA to kpi_setting at start:
 * configuration is the source of truth. The aggregates (V13) hold money in base currency and dates in the zone, so
 * when any of these changed since they were computed, they are rebuilt from the facts here, before the hub serves
 * (in one transaction that holds the setting row, so hubs starting together rebuild once).
 */
@Component
class CurrencyRates implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CurrencyRates.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KpiProperties properties;

    CurrencyRates(JdbcTemplate jdbc, TransactionTemplate tx, KpiProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<Object[]> rows = new ArrayList<>();
        properties.rates().forEach((currency, rate) -> rows.add(new Object[] {currency, rate}));
        tx.executeWithoutResult(status -> {
            Map<String, Object> setting = jdbc.queryForMap(
                    "SELECT zone, complaint_sla_hours FROM kpi_setting WHERE id = 1 FOR UPDATE");
            Map<String, BigDecimal> stored = new HashMap<>();
            jdbc.query("SELECT currency, rate FROM kpi_currency_rate",
                    rs -> {
                        stored.put(rs.getString(1), rs.getBigDecimal(2));
                    });
            boolean changed = !properties.zone().getId().equals(setting.get("zone"))
                    || properties.complaintSlaHours() != ((Number) setting.get("complaint_sla_hours")).intValue()
                    || !sameRates(stored, properties.rates());
            jdbc.update("DELETE FROM kpi_currency_rate");
            jdbc.batchUpdate("INSERT INTO kpi_currency_rate (currency, rate) VALUES (?, ?)", rows);
            if (changed) {
                long started = System.nanoTime();
                jdbc.update("UPDATE kpi_setting SET zone = ?, complaint_sla_hours = ? WHERE id = 1",
                        properties.zone().getId(), properties.complaintSlaHours());
                jdbc.execute("SELECT kpi_rebuild()");
                LOG.info("KPI aggregates rebuilt for zone {}, complaint SLA {} h and rates {} in {} ms",
                        properties.zone(), properties.complaintSlaHours(), properties.rates(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        });
    }

    private static boolean sameRates(Map<String, BigDecimal> stored, Map<String, BigDecimal> configured) {
        return stored.size() == configured.size() && configured.entrySet().stream()
                .allMatch(e -> stored.containsKey(e.getKey()) && stored.get(e.getKey()).compareTo(e.getValue()) == 0);
    }
}
