package io.crmhub.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Commits ERP changes as fast as one JDBC connection can, the way a busy ERP would: JDBC batches of
 * customer inserts (60 %), updates of customers inserted earlier in the run (25 %, each customer at most
 * once, so every change has its own row in {@code change_log}) and payment receipt inserts (15 %).
 * Every value is valid (real CN mobile ranges, plain amounts, ISO dates), so nothing should be dead-lettered.
 * For every change it remembers which batch carried it; for every batch, when its commit returned.
 */
final class ErpLoad {

    /** Which change of the run a store row answers: entity, key and operation as the hub names them. */
    record ChangeKey(String entity, long key, String op) {}

    private static final String INSERT_CUSTOMER = """
            INSERT INTO customers (id, customer_no, kind, name, contact_name, phone, mobile, email, industry,
                country, province, city, address, postal_code, owner, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'CN', '上海', '上海市', '浦东新区世纪大道100号', '200120', 'sales.li', ?)
            """;
    private static final String UPDATE_CUSTOMER =
            "UPDATE customers SET mobile = ?, email = ?, status = 'ACTIVE', updated_at = now() WHERE id = ?";
    private static final String INSERT_PAYMENT = """
            INSERT INTO payment_receipts (id, receipt_no, customer_id, order_id, amount, currency, paid_at, method)
            VALUES (?, ?, ?, NULL, ?, 'CNY', ?, ?)
            """;
    private static final String[] METHODS = {"BANK", "ALIPAY", "WECHAT", "CASH", "CARD"};
    private static final String[] STATUSES = {"LEAD", "PROSPECT", "ACTIVE"};

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Random rnd;
    private final Map<ChangeKey, Integer> batchOf = new HashMap<>();
    private final List<Long> commitMillis = new ArrayList<>();
    private final Deque<Long> notYetUpdated = new ArrayDeque<>();
    private int inserts;
    private int updates;
    private int payments;

    ErpLoad(String jdbcUrl, String user, String password, long seed) {
        this.rnd = new Random(seed);
        this.jdbcUrl = jdbcUrl + "?reWriteBatchedInserts=true";
        this.user = user;
        this.password = password;
    }

    /**
     * Commits {@code total} changes in transactions of {@code batchSize}; returns when the last one committed.
     * With {@code ratePerSecond > 0} the batches are paced to that rate instead of sent as fast as possible.
     */
    void run(int total, int batchSize, double ratePerSecond) throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement ins = c.prepareStatement(INSERT_CUSTOMER);
                PreparedStatement upd = c.prepareStatement(UPDATE_CUSTOMER);
                PreparedStatement pay = c.prepareStatement(INSERT_PAYMENT)) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            for (int done = 0; done < total; done += batchSize) {
                writeBatch(c, ins, upd, pay, Math.min(batchSize, total - done));
                if (ratePerSecond > 0) {
                    long dueNanos = (long) ((done + batchSize) / ratePerSecond * 1e9);
                    long sleepMillis = (dueNanos - (System.nanoTime() - start)) / 1_000_000;
                    if (sleepMillis > 0) {
                        Thread.sleep(sleepMillis);
                    }
                }
            }
        }
    }

    private void writeBatch(Connection c, PreparedStatement ins, PreparedStatement upd, PreparedStatement pay,
            int size) throws SQLException {
        int batch = commitMillis.size();
        List<Long> updated = new ArrayList<>();
        int newCustomers = 0;
        int newPayments = 0;
        int[] kinds = new int[size];
        for (int i = 0; i < size; i++) {
            int dice = rnd.nextInt(100);
            kinds[i] = dice < 25 && !notYetUpdated.isEmpty() ? 1 : dice < 40 ? 2 : 0;
            if (kinds[i] == 1) {
                updated.add(notYetUpdated.poll());
            } else if (kinds[i] == 2) {
                newPayments++;
            } else {
                newCustomers++;
            }
        }
        List<Long> customerIds = nextIds(c, "customers_id_seq", newCustomers);
        List<Long> paymentIds = nextIds(c, "payment_receipts_id_seq", newPayments);
        for (long id : customerIds) {
            addCustomer(ins, id);
            batchOf.put(new ChangeKey("customers", id, "CREATE"), batch);
        }
        for (long id : updated) {
            upd.setString(1, mobile());
            upd.setString(2, "buyer" + id + "@example.cn");
            upd.setLong(3, id);
            upd.addBatch();
            batchOf.put(new ChangeKey("customers", id, "UPDATE"), batch);
        }
        for (long id : paymentIds) {
            addPayment(pay, id, customerIds.isEmpty() ? 1 : customerIds.get(0));
            batchOf.put(new ChangeKey("payment_receipts", id, "CREATE"), batch);
        }
        ins.executeBatch();
        upd.executeBatch();
        pay.executeBatch();
        c.commit();
        commitMillis.add(System.currentTimeMillis());
        notYetUpdated.addAll(customerIds);
        inserts += customerIds.size();
        updates += updated.size();
        payments += paymentIds.size();
    }

    private void addCustomer(PreparedStatement ins, long id) throws SQLException {
        boolean company = rnd.nextInt(10) < 7;
        ins.setLong(1, id);
        ins.setString(2, "B" + String.format("%08d", id));
        ins.setString(3, company ? "C" : "P");
        ins.setString(4, company ? "华东机械有限公司 " + id : "王伟");
        ins.setString(5, company ? "李娜" : null);
        ins.setString(6, company ? "021-5888 " + String.format("%04d", rnd.nextInt(10_000)) : null);
        ins.setString(7, mobile());
        ins.setString(8, "Info" + id + "@Example.com");
        ins.setString(9, "制造业");
        ins.setString(10, STATUSES[rnd.nextInt(STATUSES.length)]);
        ins.addBatch();
    }

    private void addPayment(PreparedStatement pay, long id, long customerId) throws SQLException {
        pay.setLong(1, id);
        pay.setString(2, "BR" + String.format("%08d", id));
        pay.setLong(3, customerId);
        pay.setString(4, (100 + rnd.nextInt(9_000)) + "." + String.format("%02d", rnd.nextInt(100)));
        pay.setString(5, "2025-06-" + String.format("%02d", 1 + rnd.nextInt(28)) + " 13:00");
        pay.setString(6, METHODS[rnd.nextInt(METHODS.length)]);
        pay.addBatch();
    }

    /** 138 followed by eight digits: a valid China Mobile number. */
    private String mobile() {
        return "138" + String.format("%08d", rnd.nextInt(100_000_000));
    }

    private static List<Long> nextIds(Connection c, String sequence, int count) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        if (count == 0) {
            return ids;
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT nextval('" + sequence + "') FROM generate_series(1, ?)")) {
            s.setInt(1, count);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    Map<ChangeKey, Integer> batchOf() {
        return batchOf;
    }

    long commitMillis(int batch) {
        return commitMillis.get(batch);
    }

    long firstCommitMillis() {
        return commitMillis.get(0);
    }

    long lastCommitMillis() {
        return commitMillis.get(commitMillis.size() - 1);
    }

    int batches() {
        return commitMillis.size();
    }

    String mix() {
        return inserts + " customer inserts, " + updates + " customer updates, " + payments + " payment inserts";
    }
}
