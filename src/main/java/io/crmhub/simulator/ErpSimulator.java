package io.crmhub.simulator;

import io.crmhub.connector.erp.ErpConnectorProperties;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * A demo ERP for the local default: creates the ERP schema (before any route starts, so Debezium finds
 * its tables), seeds it once, and then keeps inserting, updating and deleting at a steady rate.
 */
@Component
@ConditionalOnProperty(name = "hub.simulator.erp.enabled", havingValue = "true")
public class ErpSimulator implements InitializingBean, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ErpSimulator.class);

    private final ErpSimulatorProperties props;
    private final ErpWriter writer;
    private final ErpDataGenerator gen = new ErpDataGenerator(System.nanoTime());
    private final AtomicLong changes = new AtomicLong();
    private Trickle scheduler;

    public ErpSimulator(ErpConnectorProperties erp, ErpSimulatorProperties props) {
        this.props = props;
        this.writer = new ErpWriter(erpDataSource(erp));
    }

    static DataSource erpDataSource(ErpConnectorProperties erp) {
        com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource();
        ds.setJdbcUrl("jdbc:postgresql://" + erp.host() + ":" + erp.port() + "/" + erp.database());
        ds.setUsername(erp.user());
        ds.setPassword(erp.password());
        ds.setMaximumPoolSize(2);
        ds.setPoolName("erp-simulator");
        return ds;
    }

    @Override
    public void afterPropertiesSet() {
        new ResourceDatabasePopulator(new ClassPathResource("simulator/erp-schema.sql")).execute(writer.dataSource());
        if (writer.count("customers") == 0) {
            seed();
        }
    }

    private void seed() {
        long t0 = System.nanoTime();
        List<Long> customers = new java.util.ArrayList<>();
        for (int i = 0; i < props.seedCustomers(); i++) {
            customers.add(writer.insert("customers", gen.customer(writer.nextNumber("customers"))));
        }
        for (int i = 0; i < props.seedOrders() && !customers.isEmpty(); i++) {
            newOrder(customers.get(gen.nextInt(customers.size())), gen.chance(70));
        }
        LOG.info("Seeded demo ERP with {} customers and {} orders in {} ms", props.seedCustomers(),
                props.seedOrders(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void newOrder(long customerId, boolean paid) {
        Map<String, Object> order = gen.order(writer.nextNumber("sales_orders"), customerId);
        writer.inTransaction(() -> {
            long orderId = writer.insert("sales_orders", order);
            BigDecimal total = BigDecimal.ZERO;
            for (int line = 1; line <= 1 + gen.nextInt(3); line++) {
                Map<String, Object> l = gen.line(orderId, line);
                writer.insert("sales_order_lines", l);
                total = total.add((BigDecimal) l.get("amount"));
            }
            writer.update("UPDATE sales_orders SET total_amount = ? WHERE id = ?", total, orderId);
            if (paid) {
                writer.insert("payment_receipts", gen.payment(writer.nextNumber("payment_receipts"), customerId,
                        orderId, total, (String) order.get("currency"), false));
            }
        });
    }

    /** One random business change, as people make them all day long. */
    void change() {
        try {
            int dice = gen.nextInt(100);
            Long customer = writer.randomId("customers");
            if (customer == null || dice < 20) {
                writer.insert("customers", gen.customer(writer.nextNumber("customers")));
            } else if (dice < 50) {
                newOrder(customer, false);
            } else if (dice < 70) {
                Long order = writer.randomId("sales_orders");
                writer.insert("payment_receipts", gen.payment(writer.nextNumber("payment_receipts"), customer,
                        order, BigDecimal.valueOf(100 + gen.nextInt(9000)), "CNY", gen.chance(props.badRowPercent())));
            } else if (dice < 85) {
                writer.update("UPDATE customers SET mobile = ?, email = ?, updated_at = now() WHERE id = ?",
                        gen.mobile(), gen.email(customer), customer);
            } else if (dice < 95) {
                writer.update("UPDATE sales_orders SET status = ?, updated_at = now() WHERE id = ?",
                        gen.nextInt(2) == 0 ? "SHIPPED" : "CLOSED", writer.randomId("sales_orders"));
            } else {
                writer.update("DELETE FROM sales_order_lines WHERE id = ?", writer.randomId("sales_order_lines"));
            }
            changes.incrementAndGet();
        } catch (RuntimeException e) {
            // the demo must keep going if the ERP database blips; the hub is what is being watched
            LOG.warn("ERP simulator change failed: {}", e.toString());
        }
    }

    public long changesMade() {
        return changes.get();
    }

    @Override
    public void start() {
        if (props.changesPerSecond() <= 0) {
            return;
        }
        scheduler = Trickle.perSecond("erp-simulator", props.changesPerSecond(), 1_000, this::change);
        LOG.info("ERP simulator producing {} changes/s", props.changesPerSecond());
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
    }

    @jakarta.annotation.PreDestroy
    void closeDataSource() {
        stop();
        if (writer.dataSource() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the simulator's ERP pool: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
