package io.crmhub.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * The ERP load's rows and prepared statements, one JDBC batch per statement kind and transaction. Amounts and dates of
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

    private final PreparedStatement customer;
    private final PreparedStatement update;
    private final PreparedStatement order;
    private final PreparedStatement line;
    private final PreparedStatement payment;

    ErpStatements(Connection c) throws SQLException {
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

    static Object[] customer(long id, ErpCustomer r) {
        return new Object[] {id, "B" + String.format("%08d", id), r.kind(), r.name(), r.contactName(), r.phone(),
            r.mobile(), r.email(), r.taxId(), r.industry(), r.province(), r.city(), r.address(), r.postalCode(),
            r.owner(), r.status()};
    }

    static Object[] update(long id, Random rnd) {
        return new Object[] {STATUSES[rnd.nextInt(STATUSES.length)], OWNERS[rnd.nextInt(OWNERS.length)], id};
    }

    /** A line row; its amount in cents is {@code row[7]} × 100. */
    static Object[] line(long id, long orderId, int lineNo, Random rnd) {
        String[] sku = SKUS[rnd.nextInt(SKUS.length)].split("\\|");
        long priceCents = Long.parseLong(sku[2]);
        int quantity = 1 + rnd.nextInt(40);
        return new Object[] {id, orderId, lineNo, sku[0], sku[1], BigDecimal.valueOf(quantity),
            BigDecimal.valueOf(priceCents, 2), BigDecimal.valueOf(priceCents * quantity, 2),
            rnd.nextInt(5) == 0 ? null : BigDecimal.valueOf(priceCents * (55 + rnd.nextInt(30)), 4)};
    }

    static Object[] order(long id, long customerId, long totalCents, Random rnd) {
        return new Object[] {id, "SO" + String.format("%09d", id), customerId,
            Date.valueOf(LocalDate.of(2025, 1, 1).plusDays(rnd.nextInt(330))),
            ORDER_STATUSES[rnd.nextInt(ORDER_STATUSES.length)], BigDecimal.valueOf(totalCents, 2)};
    }

    static Object[] payment(long id, long customerId, long orderId, long cents, Random rnd) {
        BigDecimal amount = BigDecimal.valueOf(cents, 2);
        LocalDate day = LocalDate.of(2025, 1, 1).plusDays(rnd.nextInt(330));
        String typed = switch (rnd.nextInt(3)) {
            case 0 -> String.format("%,.2f", amount);
            case 1 -> "¥" + amount.toPlainString();
            default -> amount.toPlainString();
        };
        String paidAt = switch (rnd.nextInt(3)) {
            case 0 -> day.getYear() + "/" + day.getMonthValue() + "/" + day.getDayOfMonth();
            case 1 -> day + " " + String.format("%02d:%02d", 8 + rnd.nextInt(10), rnd.nextInt(60));
            default -> day.toString().replace("-", "");
        };
        return new Object[] {id, "BR" + String.format("%09d", id), customerId, orderId, typed, paidAt,
            METHODS[rnd.nextInt(METHODS.length)]};
    }

    /** Sends one transaction's rows, one JDBC batch per statement kind; the caller commits. */
    void write(ErpBatch batch) throws SQLException {
        bind(customer, batch.customers, Types.VARCHAR);
        bind(update, batch.updates, Types.VARCHAR);
        bind(order, batch.orders, Types.VARCHAR);
        bind(line, batch.lines, Types.NUMERIC);
        bind(payment, batch.payments, Types.VARCHAR);
    }

    /** @param nullType the type of the statement's nullable columns: a typed null keeps every row's types alike */
    private static void bind(PreparedStatement st, List<Object[]> rows, int nullType) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (row[i] == null) {
                    st.setNull(i + 1, nullType);
                } else {
                    st.setObject(i + 1, row[i]);
                }
            }
            st.addBatch();
        }
        st.executeBatch();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement st : List.of(customer, update, order, line, payment)) {
            st.close();
        }
    }
}
