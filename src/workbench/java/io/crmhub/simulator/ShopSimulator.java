package io.crmhub.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmhub.connector.shop.ShopConnectorProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A demo shop for the local default: every {@code interval-ms} it exports the customers who registered
 * and the orders they placed, as a JSON Lines file and an orders CSV, written under a temporary name and
 * renamed (the way a well-behaved shop does). About a third of the new customers reuse the mobile or email
 * of an ERP customer already in the CRM store, so identity resolution has real duplicates to find.
 */
@Component
@ConditionalOnProperty(name = "hub.simulator.shop.enabled", havingValue = "true")
public class ShopSimulator implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ShopSimulator.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final String HEADER = "order_no,order_time,customer_id,status,currency,order_total,line_no,sku,"
            + "product_name,quantity,unit_price,line_amount\n";
    private static final String[] PRODUCTS = {"不锈钢保温杯 500ml", "蓝牙耳机", "数据线 1m", "西湖龙井茶 250克",
        "Phone case", "机械键盘", "蚕丝被 双人"};
    private static final String[] STATUSES = {"PAID", "PAID", "待发货", "SHIPPED", "已发货", "COMPLETED", "CANCELLED"};

    private final ShopSimulatorProperties props;
    private final Path inbox;
    private final JdbcTemplate crm;
    private final ErpDataGenerator people = new ErpDataGenerator(System.nanoTime());
    private final Random rnd = new Random();
    private final ObjectMapper json = new ObjectMapper();
    private Trickle scheduler;
    private long next = 1;

    public ShopSimulator(ShopSimulatorProperties props, ShopConnectorProperties shop, JdbcTemplate crm) {
        this.props = props;
        this.inbox = Path.of(shop.inbox());
        this.crm = crm;
    }

    void export() {
        try {
            String stamp = LocalDateTime.now().format(STAMP);
            StringBuilder orders = new StringBuilder(HEADER);
            StringBuilder customers = new StringBuilder();
            for (int i = 0; i < props.ordersPerFile(); i++) {
                String customerId = "W" + stamp.substring(2, 8) + String.format("%04d", next++);
                customers.append(json.writeValueAsString(customer(customerId))).append('\n');
                order(orders, customerId, stamp);
            }
            drop("customers-" + stamp + ".jsonl", customers.toString());
            drop("orders-" + stamp + ".csv", orders.toString());
        } catch (IOException | RuntimeException e) {
            // the demo must keep going; the hub is what is being watched
            LOG.warn("Shop simulator export failed: {}", e.toString());
        }
    }

    private Map<String, Object> customer(String id) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("customer_id", id);
        c.put("registered_at", LocalDateTime.now().withNano(0).toString().replace('T', ' '));
        c.put("name", people.customer(next).get("name"));
        c.put("mobile", people.mobile());
        c.put("email", people.email(next).strip());
        if (rnd.nextInt(3) == 0) {
            reuseErpContact(c);
        }
        c.put("country", "CN");
        c.put("city", rnd.nextBoolean() ? "上海" : "杭州");
        return c;
    }

    /** The same person registered in the shop with the mobile or email the ERP knows them by. */
    private void reuseErpContact(Map<String, Object> c) {
        List<Map<String, Object>> erp = crm.queryForList("SELECT payload->'phones'->0->>'e164' AS phone, "
                + "payload->'emails'->>0 AS email FROM customer_record WHERE source_system = 'erp' "
                + "AND deleted_at IS NULL ORDER BY random() LIMIT 1");
        if (!erp.isEmpty()) {
            String key = rnd.nextBoolean() && erp.get(0).get("phone") != null ? "phone" : "email";
            Object value = erp.get(0).get(key);
            if (value != null) {
                c.put(key.equals("phone") ? "mobile" : "email", value);
            }
        }
    }

    private void order(StringBuilder csv, String customerId, String stamp) {
        String orderNo = "WS" + customerId.substring(1);
        int lines = 1 + rnd.nextInt(3);
        List<String[]> rows = new ArrayList<>();
        long total = 0;
        for (int line = 1; line <= lines; line++) {
            int qty = people.chance(props.badRowPercent()) ? -1 : 1 + rnd.nextInt(3);
            long price = 10 + rnd.nextInt(990);
            total += qty * price;
            rows.add(new String[] {String.valueOf(line), "SKU-" + (100 + rnd.nextInt(900)),
                PRODUCTS[rnd.nextInt(PRODUCTS.length)], String.valueOf(qty), price + ".00", qty * price + ".00"});
        }
        String time = people.chance(props.badRowPercent()) ? "2024/13/45" : stamp.substring(0, 8);
        String status = STATUSES[rnd.nextInt(STATUSES.length)];
        for (String[] r : rows) {
            csv.append(String.join(",", orderNo, time, customerId, status, "CNY",
                    "\"" + String.format("%,d", total) + ".00\"", r[0], r[1], r[2], r[3], r[4], r[5])).append('\n');
        }
    }

    private void drop(String name, String content) throws IOException {
        Files.createDirectories(inbox);
        Path part = inbox.resolve(name + ".part");
        Files.writeString(part, content, StandardCharsets.UTF_8);
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Shop simulator dropped {}", name);
    }

    @Override
    public void start() {
        scheduler = Trickle.every("shop-simulator", props.intervalMs(), this::export);
        LOG.info("Shop simulator dropping an export into the shop inbox every {} ms", props.intervalMs());
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
