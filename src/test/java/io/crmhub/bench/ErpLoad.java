package io.crmhub.bench;

import java.math.BigDecimal;
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
     * Every row is generated before the first commit: the commit loop only binds, sends and commits.
     */
    LoadRound run(String name, int total, int batchSize, double ratePerSecond) throws SQLException, InterruptedException {
        LoadRound round = new LoadRound(name);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                ErpStatements st = new ErpStatements(c)) {
            c.setAutoCommit(false);
            IdPool ids = new IdPool(c);
            List<ErpBatch> batches = new ArrayList<>();
            for (int done = 0; done < total; done += batchSize) {
                batches.add(plan(ids, round, Math.min(batchSize, total - done), batches.size()));
            }
            c.commit();
            long start = System.nanoTime();
            round.startMillis = System.currentTimeMillis();
            for (int i = 0; i < batches.size(); i++) {
                st.write(batches.set(i, null));
                c.commit();
                round.commitMillis.add(System.currentTimeMillis());
                if (ratePerSecond > 0) {
                    long dueNanos = (long) (Math.min(total, (i + 1L) * batchSize) / ratePerSecond * 1e9);
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

    /** Draws and generates one transaction; the load's state moves on as if it had been committed. */
    private ErpBatch plan(IdPool ids, LoadRound round, int size, int batch) throws SQLException {
        BatchPlan plan = BatchPlan.draw(rnd, size, notYetUpdated.size(), !customerIds.isEmpty(),
                !orders.isEmpty(), !originalIds.isEmpty());
        ErpBatch rows = new ErpBatch();
        List<Long> newCustomers = new ArrayList<>();
        List<Long> newOriginals = new ArrayList<>();
        for (int i = 0; i < plan.originals() + plan.copies(); i++) {
            long id = ids.next("customers_id_seq");
            ErpCustomer row;
            if (i >= plan.originals()) {
                long of = originalIds.get(rnd.nextInt(originalIds.size()));
                row = retyping.copy(originalRows.get(of));
                planted.put(id, of);
            } else {
                row = customers.next(id);
                originalRows.put(id, row);
                newOriginals.add(id);
            }
            rows.customers.add(ErpStatements.customer(id, row));
            newCustomers.add(id);
            round.add("customers", id, "CREATE", batch);
        }
        for (int i = 0; i < plan.updates(); i++) {
            long id = notYetUpdated.poll();
            rows.updates.add(ErpStatements.update(id, rnd));
            round.add("customers", id, "UPDATE", batch);
        }
        List<long[]> newOrders = new ArrayList<>();
        for (int lineCount : plan.lines()) {
            long orderId = ids.next("sales_orders_id_seq");
            long customerId = customerIds.get(rnd.nextInt(customerIds.size()));
            long totalCents = 0;
            for (int n = 1; n <= lineCount; n++) {
                long lineId = ids.next("sales_order_lines_id_seq");
                Object[] line = ErpStatements.line(lineId, orderId, n, rnd);
                totalCents += ((BigDecimal) line[7]).movePointRight(2).longValueExact();
                rows.lines.add(line);
                round.add("sales_order_lines", lineId, "CREATE", batch);
            }
            rows.orders.add(ErpStatements.order(orderId, customerId, totalCents, rnd));
            round.add("sales_orders", orderId, "CREATE", batch);
            newOrders.add(new long[] {orderId, customerId, totalCents});
        }
        for (int i = 0; i < plan.payments(); i++) {
            long id = ids.next("payment_receipts_id_seq");
            long[] order = orders.get(rnd.nextInt(orders.size()));
            rows.payments.add(ErpStatements.payment(id, order[1], order[0],
                    Math.max(100, order[2] / (1 + rnd.nextInt(2))), rnd));
            round.add("payment_receipts", id, "CREATE", batch);
        }
        originalIds.addAll(newOriginals);
        customerIds.addAll(newCustomers);
        notYetUpdated.addAll(newCustomers);
        orders.addAll(newOrders);
        round.originals += plan.originals();
        round.copies += plan.copies();
        round.updates += plan.updates();
        round.orders += plan.lines().size();
        round.lines += plan.lineCount();
        round.payments += plan.payments();
        return rows;
    }
}
