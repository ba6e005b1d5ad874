package io.crmhub.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * ERP work as the ERP's users commit it, in waves of several transactions: new customers (a share of them typed in a
 * second time, differently: e-mail case and spaces, phone format), a payment for each real customer, orders with a
 * line for some, status updates, and deletes of some payments. It counts the changes it committed and remembers
 * which customers are the same person, for {@link StoreAudit}. Seeded: the same seed writes the same data.
 */
public final class ErpChangeStream {

    private static final int ROWS_PER_TRANSACTION = 150;

    private final JdbcTemplate erp;
    private final TransactionTemplate tx;
    private final String run;
    private final int customersPerWave;
    private final int duplicatePercent;
    private final boolean ordersAndDeletes;
    private final Random random;
    private final AtomicLong changes = new AtomicLong();
    private final List<List<String>> duplicateGroups = new ArrayList<>();
    private int waves;

    /**
     * @param ordersAndDeletes also orders with a line each (every second customer) and deletes (every seventh
     *                         payment); off for the tests that count only customers and payments
     */
    public ErpChangeStream(JdbcTemplate erp, TransactionTemplate tx, String run, int customersPerWave,
                           int duplicatePercent, boolean ordersAndDeletes, long seed) {
        this.erp = erp;
        this.tx = tx;
        this.run = run;
        this.customersPerWave = customersPerWave;
        this.duplicatePercent = duplicatePercent;
        this.ordersAndDeletes = ordersAndDeletes;
        this.random = new Random(seed);
    }

    /** ERP changes committed so far (each insert, update and delete of a row is one). */
    public long changes() {
        return changes.get();
    }

    /** Source numbers of customers typed in twice: each group must end in one golden customer. */
    public synchronized List<List<String>> duplicateGroups() {
        return List.copyOf(duplicateGroups);
    }

    /** Number of distinct real customers written: what identity resolution should end with. */
    public synchronized long realCustomers() {
        return (long) waves * customersPerWave;
    }

    /** One wave: about {@code 3.9 ×} customersPerWave changes with orders and deletes, {@code 2.7 ×} without. */
    public synchronized void writeWave() {
        int wave = ++waves;
        List<Object[]> customers = new ArrayList<>();
        for (int i = 0; i < customersPerWave; i++) {
            String number = "K" + run + "-" + wave + "-" + i;
            String mobile = String.format("139%08d", (Math.abs(run.hashCode()) % 50_000_000) + wave * 100_000 + i);
            String email = "kill." + run + "." + wave + "." + i + "@example.com";
            String name = "Kill Test " + wave + " " + i;
            customers.add(new Object[] {number, "P", name, mobile, email});
            if (random.nextInt(100) < duplicatePercent) {
                String retyped = "+86 " + mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7);
                customers.add(new Object[] {number + "-D", "P", name.toUpperCase(), retyped,
                        "  " + email.toUpperCase() + " "});
                duplicateGroups.add(List.of(number, number + "-D"));
            }
        }
        batches("INSERT INTO customers (customer_no, kind, name, mobile, email, status) VALUES (?, ?, ?, ?, ?, 'LEAD')",
                customers);
        List<Long> ids = erp.queryForList("SELECT id FROM customers WHERE customer_no LIKE ? AND customer_no NOT LIKE "
                + "'%-D' ORDER BY id", Long.class, "K" + run + "-" + wave + "-%");
        List<Object[]> payments = new ArrayList<>();
        for (long id : ids) {
            payments.add(new Object[] {"R" + run + "-" + id, id,
                    (1 + random.nextInt(50_000)) + "." + String.format("%02d", random.nextInt(100))});
        }
        batches("INSERT INTO payment_receipts (receipt_no, customer_id, amount, currency, paid_at, method) "
                + "VALUES (?, ?, ?, 'CNY', '2024-06-04 13:00', 'BANK')", payments);
        if (ordersAndDeletes) {
            orders(ids);
        }
        List<Object[]> updates = ids.stream().filter(id -> id % 3 == 0).map(id -> new Object[] {id}).toList();
        batches("UPDATE customers SET status = 'PROSPECT', industry = 'Retail', updated_at = now() WHERE id = ?",
                updates);
        if (ordersAndDeletes) {
            List<Object[]> deletes = ids.stream().filter(id -> id % 7 == 0).map(id -> new Object[] {"R" + run + "-" + id})
                    .toList();
            batches("DELETE FROM payment_receipts WHERE receipt_no = ?", deletes);
        }
    }

    private void orders(List<Long> customerIds) {
        List<Object[]> orders = new ArrayList<>();
        for (long id : customerIds) {
            if (id % 2 == 0) {
                orders.add(new Object[] {"O" + run + "-" + id, id, (1 + random.nextInt(9_000)) + ".00"});
            }
        }
        batches("INSERT INTO sales_orders (order_no, customer_id, order_date, status, currency, total_amount) "
                + "VALUES (?, ?, DATE '2024-06-04', 'OPEN', 'CNY', ?::numeric)", orders);
        List<Object[]> lines = orders.stream().map(o -> new Object[] {o[0], o[2], o[2]}).toList();
        batches("INSERT INTO sales_order_lines (order_id, line_no, sku, quantity, unit_price, amount) "
                + "SELECT id, 1, 'SKU-K', 1, ?::numeric, ?::numeric FROM sales_orders WHERE order_no = ?",
                lines.stream().map(l -> new Object[] {l[1], l[2], l[0]}).toList());
    }

    private void batches(String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_TRANSACTION) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_TRANSACTION));
            tx.executeWithoutResult(s -> erp.batchUpdate(sql, chunk));
            changes.addAndGet(chunk.size());
        }
    }
}
