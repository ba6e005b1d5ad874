package io.crmhub.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Two years of business behind the demo ERP, so every indicator has something believable to say: each buying
 * customer orders at its own pace from its first order to its last (active customers up to today, dormant and
 * lost ones stopped earlier; leads and prospects never bought), the customer base grows over time, and each order
 * is paid after it with the customer's habitual delay: most pay within their terms, some slowly, a few late, in
 * instalments, or not at all yet. Pure: rows in, rows out; {@link ErpSimulator} writes them.
 */
final class ErpHistory {

    /** The office's time zone: business dates (order and payment days) are its dates. */
    static final java.time.ZoneId OFFICE = java.time.ZoneId.of("Asia/Shanghai");
    /** How far back the seeded history reaches: two years and a quarter before the day the demo ERP is seeded, so
     *  even the first quarter of last year has a whole quarter before it to compare with. */
    static final int DAYS = 830;
    /** How long before the history customers who already bought then started: their debts are paid inside it. */
    private static final long LEAD_IN = 200;

    /**
     * One order as the ERP holds it, with its lines and the receipts that paid it. An order from before the history
     * has no header and no lines: only its receipts that fall inside the history are there (payments on account).
     */
    record Order(Map<String, Object> header, List<Map<String, Object>> lines, List<Map<String, Object>> payments) {}

    /** How a customer pays: days from order to payment, and how often an order stays unpaid. */
    private enum Payer {
        PROMPT(20, 60, 0), SLOW(45, 120, 5), LATE(80, 200, 30);

        final int minDays;
        final int maxDays;
        final int unpaidPercent;

        Payer(int minDays, int maxDays, int unpaidPercent) {
            this.minDays = minDays;
            this.maxDays = maxDays;
            this.unpaidPercent = unpaidPercent;
        }
    }

    private record Buyer(long customerId, LocalDate first, LocalDate last, double gapDays, Payer payer,
                         String currency, double basket, boolean existing) {}


    private final ErpDataGenerator gen;
    private final Random rnd;
    private final LocalDate today;
    private final int days;

    ErpHistory(ErpDataGenerator gen, long seed, LocalDate today, int days) {
        this.gen = gen;
        this.rnd = new Random(seed);
        this.today = today;
        this.days = days;
    }

    /**
     * About {@code orders} orders for these customers (id → ERP status), dated over the history and sorted by
     * date. Customers with status LEAD or PROSPECT get none.
     */
    List<Order> orders(Map<Long, String> customers, int orders) {
        List<Buyer> buyers = new ArrayList<>();
        double spanDays = 0;
        for (Map.Entry<Long, String> c : customers.entrySet()) {
            Buyer b = buyer(c.getKey(), c.getValue());
            if (b != null) {
                buyers.add(b);
                spanDays += ChronoUnit.DAYS.between(b.first(), b.last()) / b.gapDays() + 1;
            }
        }
        // gaps scaled so the whole history holds about the orders asked for
        double scale = orders <= 0 ? 0 : spanDays / orders;
        List<Order> result = new ArrayList<>();
        for (Buyer b : buyers) {
            double gap = Math.max(7, b.gapDays() * scale);
            // a customer from before the history bought before it too: what it still owed then is paid inside it
            LocalDate from = b.existing() ? b.first().minusDays(LEAD_IN - (long) (gap * rnd.nextDouble())) : b.first();
            for (LocalDate d = from; !d.isAfter(b.last()) && orders > 0;
                    d = d.plusDays(Math.max(5, Math.round(gap * growth(d) * (0.7 + 0.6 * rnd.nextDouble()))))) {
                Order order = order(b, d);
                if (!d.isBefore(b.first())) {
                    result.add(order);
                } else if (!order.payments().isEmpty()) {
                    result.add(new Order(null, List.of(), order.payments()));
                }
            }
        }
        result.sort(java.util.Comparator.comparing(
                o -> o.header() == null ? LocalDate.MIN : (LocalDate) o.header().get("order_date")));
        return result;
    }

    /** Customers order more often as the relationship (and the business) grows: gaps shrink over the history. */
    private double growth(LocalDate day) {
        return Math.min(1.8, 1.6 - 1.0 * ChronoUnit.DAYS.between(today.minusDays(days), day) / days);
    }

    private Buyer buyer(long id, String status) {
        LocalDate start = today.minusDays(days);
        LocalDate first = switch (status) {
            case "LEAD", "PROSPECT" -> null;
            // two in five were customers before the history starts; the others joined over it (the base grows)
            // (more of them lately)
            default -> rnd.nextInt(5) < 2 ? start : start.plusDays(1 + (long) ((days - 60) * Math.sqrt(rnd.nextDouble())));
        };
        if (first == null) {
            return null;
        }
        long sinceFirst = ChronoUnit.DAYS.between(first, today);
        LocalDate last = switch (status) {
            case "DORMANT" -> today.minusDays(Math.min(sinceFirst, 120 + rnd.nextInt(180)));
            case "LOST" -> first.plusDays(Math.max(30, (long) (rnd.nextDouble() * (sinceFirst - 200))));
            default -> today;
        };
        int payer = rnd.nextInt(100);
        String currency = rnd.nextInt(100) < 85 ? "CNY" : rnd.nextBoolean() ? "USD" : "EUR";
        double rate = switch (currency) {
            case "USD" -> 7.10;
            case "EUR" -> 7.75;
            default -> 1;
        };
        return new Buyer(id, first, last.isBefore(first) ? first : last, 20 + rnd.nextInt(70),
                payer < 55 ? Payer.PROMPT : payer < 85 ? Payer.SLOW : Payer.LATE, currency,
                Math.exp(Math.log(15_000) + 0.35 * rnd.nextGaussian()) / rate, first.equals(start));
    }

    private Order order(Buyer b, LocalDate date) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("customer_id", b.customerId());
        header.put("order_date", date);
        header.put("status", status(ChronoUnit.DAYS.between(date, today)));
        header.put("currency", b.currency());
        int lines = 1 + rnd.nextInt(3);
        List<Map<String, Object>> rows = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int n = 1; n <= lines; n++) {
            Map<String, Object> line = line(n, b.basket() * (0.75 + 0.5 * rnd.nextDouble()) / lines);
            rows.add(line);
            total = total.add((BigDecimal) line.get("amount"));
        }
        header.put("total_amount", total);
        return new Order(header, rows, payments(b, date, total, (String) header.get("status")));
    }

    /** Old orders are closed (a few voided); recent ones still open, shipped or being drafted. */
    private String status(long age) {
        int dice = rnd.nextInt(100);
        if (age > 45) {
            return dice < 96 ? "CLOSED" : "VOID";
        }
        if (age > 10) {
            return dice < 60 ? "SHIPPED" : dice < 96 ? "CLOSED" : "VOID";
        }
        return dice < 60 ? "OPEN" : dice < 80 ? "SHIPPED" : "DRAFT";
    }

    private Map<String, Object> line(int lineNo, double value) {
        String[] sku = ErpDataGenerator.SKUS[rnd.nextInt(ErpDataGenerator.SKUS.length)].split("\\|");
        BigDecimal qty = BigDecimal.valueOf(Math.max(1, Math.round(value / new BigDecimal(sku[2]).doubleValue())));
        return ErpDataGenerator.lineRow(lineNo, sku, qty, rnd);
    }

    /**
     * Receipts for a won order: one after the customer's usual delay, a late payer's sometimes in two parts; none
     * for drafts and voided orders, none dated after today (that is what is still receivable).
     */
    private List<Map<String, Object>> payments(Buyer b, LocalDate ordered, BigDecimal total, String status) {
        if (status.equals("DRAFT") || status.equals("VOID") || rnd.nextInt(100) < b.payer().unpaidPercent) {
            return List.of();
        }
        LocalDate paid = ordered.plusDays(b.payer().minDays + rnd.nextInt(b.payer().maxDays - b.payer().minDays));
        List<Map<String, Object>> receipts = new ArrayList<>();
        if (b.payer() == Payer.LATE && rnd.nextBoolean()) {
            BigDecimal half = total.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
            addReceipt(receipts, b, paid.minusDays(30 + rnd.nextInt(20)), half);
            addReceipt(receipts, b, paid, total.subtract(half));
        } else {
            addReceipt(receipts, b, paid, total);
        }
        return receipts;
    }

    private void addReceipt(List<Map<String, Object>> receipts, Buyer b, LocalDate paid, BigDecimal amount) {
        if (!paid.isAfter(today) && !paid.isBefore(today.minusDays(days))) {
            receipts.add(gen.receipt(b.customerId(), amount, b.currency(), paid));
        }
    }
}
