package io.crmhub.kpi;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes {@code hub.kpi.rates} to kpi_currency_rate at start: configuration is the source of truth, and
 * indicators join the table, so a changed rate restates every money figure without touching a fact.
 */
@Component
class CurrencyRates implements ApplicationRunner {

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
            jdbc.update("DELETE FROM kpi_currency_rate");
            jdbc.batchUpdate("INSERT INTO kpi_currency_rate (currency, rate) VALUES (?, ?)", rows);
        });
    }
}
