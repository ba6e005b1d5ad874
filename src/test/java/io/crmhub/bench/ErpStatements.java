package io.crmhub.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The ERP load's prepared statements, one JDBC batch per statement kind and transaction. Amounts and dates of
 * payments are typed the way finance staff type them ('1,234.50', '¥980.00', '2025/6/4'): the mapping accepts
 * every one of these forms, so nothing should be dead-lettered.
 */
final class ErpStatements implements AutoCloseable {

    private static final String[] METHODS = {"BANK", "BANK", "ALIPAY", "WECHAT", "CASH", "CARD"};
    private static final String[] ORDER_STATUSES = {"OPEN", "OPEN", "SHIPPED", "CLOSED", "CLOSED"};
    private static final String[] SKUS = {"SKU-1001|工业轴承|12850", "SKU-2040|伺服电机|239900", "SKU-3300|包装纸箱|320",
        "SKU-4100|传感器套件|56000", "SKU-5005|润滑油 5L|18990"};
    private static final String[] STATUSES = {"PROSPECT", "ACTIVE", "ACTIVE", "DORMANT"};
    private static final String[] OWNERS = {"sales.li", "sales.wang", "sales.chen", "sales.zhao"};

    private final Connection c;
    private final PreparedStatement customer;
    private final PreparedStatement update;
    private final PreparedStatement order;
    private final PreparedStatement line;
    private final PreparedStatement payment;

    ErpStatements(Connection c) throws SQLException {
        this.c = c;
        customer = c.prepareStatement("""
                INSERT INTO customers (id, customer_no, kind, name, contact_name, phone, mobile, email, tax_id, industry,
                    country, province, city, address, postal_code, owner, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CN', ?, ?, ?, ?, ?, ?)
                """);
        update = c.prepareStatement("UPDATE customers SET status = ?, owner = ?, updated_at = now() WHERE id = ?");
        order = c.prepareStatement("""
                INSERT INTO sales_orders (id, order_no, customer_id, order_date, status, currency, total_amount)
                VALUES (?, ?, ?, ?, ?, 'CNY', ?)
                """);
        line = c.prepareStatement("""
                INSERT INTO sales_order_lines (id, order_id, line_no, sku, description, quantity, unit_price, amount,
                    unit_cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """);
        payment = c.prepareStatement("""
                INSERT INTO payment_receipts (id, receipt_no, customer_id, order_id, amount, currency, paid_at, method)
                VALUES (?, ?, ?, ?, ?, 'CNY', ?, ?)
                """);
    }

    void insertCustomer(long id, ErpCustomer r) throws SQLException {
        String[] v = {"B" + String.format("%08d", id), r.kind(), r.name(), r.contactName(), r.phone(), r.mobile(),
            r.email(), r.taxId(), r.industry(), r.province(), r.city(), r.address(), r.postalCode(), r.owner(),
            r.status()};
        customer.setLong(1, id);
        for (int i = 0; i < v.length; i++) {
            customer.setString(i + 2, v[i]);
        }
        customer.addBatch();
    }

    void updateCustomer(long id, Random rnd) throws SQLException {
        update.setString(1, STATUSES[rnd.nextInt(STATUSES.length)]);
        update.setString(2, OWNERS[rnd.nextInt(OWNERS.length)]);
        update.setLong(3, id);
        update.addBatch();
    }

    /** @return the line's amount in cents */
    long insertLine(long id, long orderId, int lineNo, Random rnd) throws SQLException {
        String[] sku = SKUS[rnd.nextInt(SKUS.length)].split("\\|");
        long priceCents = Long.parseLong(sku[2]);
        int quantity = 1 + rnd.nextInt(40);
        line.setLong(1, id);
        line.setLong(2, orderId);
        line.setInt(3, lineNo);
        line.setString(4, sku[0]);
        line.setString(5, sku[1]);
        line.setBigDecimal(6, BigDecimal.valueOf(quantity));
        line.setBigDecimal(7, BigDecimal.valueOf(priceCents, 2));
        line.setBigDecimal(8, BigDecimal.valueOf(priceCents * quantity, 2));
        line.setBigDecimal(9, rnd.nextInt(5) == 0 ? null : BigDecimal.valueOf(priceCents * (55 + rnd.nextInt(30)), 4));
        line.addBatch();
        return priceCents * quantity;
    }

    void insertOrder(long id, long customerId, long totalCents, Random rnd) throws SQLException {
        order.setLong(1, id);
        order.setString(2, "SO" + String.format("%09d", id));
        order.setLong(3, customerId);
        order.setDate(4, Date.valueOf(LocalDate.of(2025, 1, 1).plusDays(rnd.nextInt(330))));
        order.setString(5, ORDER_STATUSES[rnd.nextInt(ORDER_STATUSES.length)]);
        order.setBigDecimal(6, BigDecimal.valueOf(totalCents, 2));
        order.addBatch();
    }

    void insertPayment(long id, long customerId, long orderId, long cents, Random rnd) throws SQLException {
        BigDecimal amount = BigDecimal.valueOf(cents, 2);
        LocalDate day = LocalDate.of(2025, 1, 1).plusDays(rnd.nextInt(330));
        payment.setLong(1, id);
        payment.setString(2, "BR" + String.format("%09d", id));
        payment.setLong(3, customerId);
        payment.setLong(4, orderId);
        payment.setString(5, switch (rnd.nextInt(3)) {
            case 0 -> String.format("%,.2f", amount);
            case 1 -> "¥" + amount.toPlainString();
            default -> amount.toPlainString();
        });
        payment.setString(6, switch (rnd.nextInt(3)) {
            case 0 -> day.getYear() + "/" + day.getMonthValue() + "/" + day.getDayOfMonth();
            case 1 -> day + " " + String.format("%02d:%02d", 8 + rnd.nextInt(10), rnd.nextInt(60));
            default -> day.toString().replace("-", "");
        });
        payment.setString(7, METHODS[rnd.nextInt(METHODS.length)]);
        payment.addBatch();
    }

    void execute() throws SQLException {
        for (PreparedStatement st : List.of(customer, update, order, line, payment)) {
            st.executeBatch();
        }
    }

    List<Long> nextIds(String sequence, int count) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        if (count == 0) {
            return ids;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT nextval('" + sequence + "') FROM generate_series(1, ?)")) {
            s.setInt(1, count);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement st : List.of(customer, update, order, line, payment)) {
            st.close();
        }
    }
}
