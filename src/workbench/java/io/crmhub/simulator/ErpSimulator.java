package io.crmhub.simulator;

import io.crmhub.connector.erp.ErpConnectorProperties;
import java.math.BigDecimal;
import java.time.LocalDate;
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
    /** The seed's own random seed: the same customers and business on every start, dated back from that day. */
    static final long HISTORY_SEED = 20_241_122L;
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

    /**
     * The customers, then two years of their orders, lines and receipts ({@link ErpHistory}), written in batches so
     * a start stays quick. Snapshot reads bring all of it to the hub with its business dates.
     */
    private void seed() {
        long t0 = System.nanoTime();
        ErpDataGenerator seedRows = new ErpDataGenerator(HISTORY_SEED);
        Map<Long, String> customers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < props.seedCustomers(); i++) {
            Map<String, Object> row = seedRows.customer(writer.nextNumber("customers"));
            customers.put(writer.insert("customers", row), (String) row.get("status"));
        }
        List<ErpHistory.Order> orders = new ErpHistory(seedRows, HISTORY_SEED, LocalDate.now(ErpHistory.OFFICE),
                ErpHistory.DAYS).orders(customers, props.seedOrders());
        writer.inTransaction(() -> writeHistory(orders));
        LOG.info("Seeded demo ERP with {} customers and {} orders over {} days in {} ms", customers.size(),
                orders.size(), ErpHistory.DAYS, (System.nanoTime() - t0) / 1_000_000);
    }

    private void writeHistory(List<ErpHistory.Order> orders) {
        List<Long> orderIds = writer.ids("sales_orders", orders.size());
        List<Long> receiptIds = writer.ids("payment_receipts", orders.stream().mapToInt(o -> o.payments().size()).sum());
        List<Map<String, Object>> headers = new java.util.ArrayList<>();
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        List<Map<String, Object>> receipts = new java.util.ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            ErpHistory.Order order = orders.get(i);
            Long id = order.header() == null ? null : orderIds.get(i);
            receipts.addAll(receipts(order, id, receiptIds.subList(receipts.size(), receipts.size() + order.payments().size())));
            if (id == null) {
                continue;
            }
            Map<String, Object> header = new java.util.LinkedHashMap<>();
            header.put("id", id);
            header.put("order_no", ErpDataGenerator.orderNumber((LocalDate) order.header().get("order_date"), id));
            header.putAll(order.header());
            headers.add(header);
            for (Map<String, Object> line : order.lines()) {
                Map<String, Object> row = new java.util.LinkedHashMap<>(line);
                row.put("order_id", id);
                lines.add(row);
            }
        }
        writer.insertAll("sales_orders", headers);
        writer.insertAll("sales_order_lines", lines);
        writer.insertAll("payment_receipts", receipts);
    }

    /** An order's receipts as rows with their ids; a receipt without order (paid on account) has no order_id. */
    private static List<Map<String, Object>> receipts(ErpHistory.Order order, Long orderId, List<Long> ids) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Object> row = new java.util.LinkedHashMap<>(order.payments().get(i));
            row.put("id", ids.get(i));
            row.put("receipt_no", String.format("RC%08d", ids.get(i)));
            row.put("order_id", orderId);
            rows.add(row);
        }
        return rows;
    }

    /** A new order taken today, with its lines. */
    private void newOrder(long customerId) {
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
        });
    }

    /** Finance books today's receipt for a recent order still unpaid, now and then typed so badly it is refused. */
    private void payRecentOrder() {
        Map<String, Object> order = writer.recentUnpaidOrder();
        if (order == null) {
            return;
        }
        Map<String, Object> receipt = gen.receipt(((Number) order.get("customer_id")).longValue(),
                (BigDecimal) order.get("total_amount"), ((String) order.get("currency")).strip(),
                LocalDate.now(ErpHistory.OFFICE));
        if (gen.chance(props.badRowPercent())) {
            receipt = gen.typo(receipt);
        }
        receipt.put("receipt_no", String.format("RC%08d", writer.nextNumber("payment_receipts")));
        receipt.put("order_id", order.get("id"));
        writer.insert("payment_receipts", receipt);
    }

    /** One random business change, as people make them all day long. */
    void change() {
        try {
            int dice = gen.nextInt(100);
            Long customer = writer.randomId("customers");
            if (customer == null || dice < 20) {
                writer.insert("customers", gen.customer(writer.nextNumber("customers")));
            } else if (dice < 50) {
                newOrder(customer);
            } else if (dice < 70) {
                payRecentOrder();
            } else if (dice < 85) {
                writer.update("UPDATE customers SET mobile = ?, email = ?, updated_at = now() WHERE id = ?",
                        gen.mobile(), gen.email(customer), customer);
            } else if (dice < 95) {
                // a recent order moves on: drafted → open → shipped → closed
                writer.update("""
                        UPDATE sales_orders SET status = CASE status WHEN 'DRAFT' THEN 'OPEN' WHEN 'OPEN' THEN 'SHIPPED'
                            ELSE 'CLOSED' END, updated_at = now()
                        WHERE id = (SELECT id FROM sales_orders WHERE status IN ('DRAFT', 'OPEN', 'SHIPPED')
                            ORDER BY id DESC LIMIT 1 OFFSET floor(random() * 10))""");
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
