package io.crmhub.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Commits ERP changes the way a busy Chinese ERP would, in transactions of a given size, as fast as one JDBC
 * connection allows or paced: per 100 changes about 50 customer inserts (40 % of them re-typed copies of an earlier
 * customer, see {@link Retyping}; hot keys, see {@link ErpCustomers}), 15 updates of earlier customers (status and
 * sales rep; each customer at most once per round, so every change has its own {@code change_log} row), 25 sales
 * orders with their lines, 10 payment receipts of earlier orders. Deterministic for a seed. One instance serves
 * several rounds: copies, updates, orders and payments of a later round refer to customers of earlier ones too, as
 * they would on a store that already holds them.
 */
final class ErpLoad {

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Random rnd;
    private final ErpCustomers customers;
    private final Retyping retyping;
    private final List<Long> originalIds = new ArrayList<>();
    private final Map<Long, ErpCustomer> originalRows = new HashMap<>();
    private final Map<Long, Long> planted = new HashMap<>();
    private final List<Long> customerIds = new ArrayList<>();
    private final Deque<Long> notYetUpdated = new ArrayDeque<>();
    private final List<long[]> orders = new ArrayList<>();

    ErpLoad(String jdbcUrl, String user, String password, long seed) {
        this.rnd = new Random(seed);
        this.customers = new ErpCustomers(rnd);
        this.retyping = new Retyping(rnd);
        this.jdbcUrl = jdbcUrl + "?reWriteBatchedInserts=true";
        this.user = user;
        this.password = password;
    }

    /**
     * Commits {@code total} changes in transactions of {@code batchSize}; returns when the last one committed.
     * With {@code ratePerSecond > 0} the transactions are paced to that rate instead of sent as fast as possible.
     */
    LoadRound run(String name, int total, int batchSize, double ratePerSecond) throws SQLException, InterruptedException {
        LoadRound round = new LoadRound(name);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                ErpStatements st = new ErpStatements(c)) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            for (int done = 0; done < total; done += batchSize) {
                writeBatch(c, st, round, Math.min(batchSize, total - done));
                if (ratePerSecond > 0) {
                    long dueNanos = (long) ((done + batchSize) / ratePerSecond * 1e9);
                    long sleepMillis = (dueNanos - (System.nanoTime() - start)) / 1_000_000;
                    if (sleepMillis > 0) {
                        Thread.sleep(sleepMillis);
                    }
                }
            }
        }
        return round;
    }

    /** Re-typed copy id → the id of the customer it copies; identity resolution should link each pair. */
    Map<Long, Long> plantedCopies() {
        return planted;
    }

    private void writeBatch(Connection c, ErpStatements st, LoadRound round, int size) throws SQLException {
        BatchPlan plan = BatchPlan.draw(rnd, size, notYetUpdated.size(), !customerIds.isEmpty(),
                !orders.isEmpty(), !originalIds.isEmpty());
        int batch = round.batches();
        List<Long> newCustomers = new ArrayList<>();
        List<Long> newOriginals = new ArrayList<>();
        for (long id : st.nextIds("customers_id_seq", plan.originals() + plan.copies())) {
            boolean copy = newCustomers.size() >= plan.originals();
            ErpCustomer row;
            if (copy) {
                long of = originalIds.get(rnd.nextInt(originalIds.size()));
                row = retyping.copy(originalRows.get(of));
                planted.put(id, of);
            } else {
                row = customers.next(id);
                originalRows.put(id, row);
                newOriginals.add(id);
            }
            st.insertCustomer(id, row);
            newCustomers.add(id);
            round.add("customers", id, "CREATE", batch);
        }
        for (int i = 0; i < plan.updates(); i++) {
            long id = notYetUpdated.poll();
            st.updateCustomer(id, rnd);
            round.add("customers", id, "UPDATE", batch);
        }
        List<Long> orderIds = st.nextIds("sales_orders_id_seq", plan.lines().size());
        List<Long> lineIds = st.nextIds("sales_order_lines_id_seq", plan.lineCount());
        List<long[]> newOrders = new ArrayList<>();
        int line = 0;
        for (int o = 0; o < orderIds.size(); o++) {
            long orderId = orderIds.get(o);
            long customerId = customerIds.get(rnd.nextInt(customerIds.size()));
            long totalCents = 0;
            for (int n = 1; n <= plan.lines().get(o); n++) {
                long lineId = lineIds.get(line++);
                totalCents += st.insertLine(lineId, orderId, n, rnd);
                round.add("sales_order_lines", lineId, "CREATE", batch);
            }
            st.insertOrder(orderId, customerId, totalCents, rnd);
            round.add("sales_orders", orderId, "CREATE", batch);
            newOrders.add(new long[] {orderId, customerId, totalCents});
        }
        for (long id : st.nextIds("payment_receipts_id_seq", plan.payments())) {
            long[] order = orders.get(rnd.nextInt(orders.size()));
            st.insertPayment(id, order[1], order[0], Math.max(100, order[2] / (1 + rnd.nextInt(2))), rnd);
            round.add("payment_receipts", id, "CREATE", batch);
        }
        st.execute();
        c.commit();
        round.commitMillis.add(System.currentTimeMillis());
        originalIds.addAll(newOriginals);
        customerIds.addAll(newCustomers);
        notYetUpdated.addAll(newCustomers);
        orders.addAll(newOrders);
        round.originals += plan.originals();
        round.copies += plan.copies();
        round.updates += plan.updates();
        round.orders += orderIds.size();
        round.lines += plan.lineCount();
        round.payments += plan.payments();
    }
}
