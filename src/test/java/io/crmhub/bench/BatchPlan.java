package io.crmhub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What one ERP transaction of the load holds, drawn one draw at a time: of the changes about 15 % customer updates,
 * 25 % orders with their lines (an order of k lines is k + 1 changes, 1–3 lines), 10 % payments and 50 % customer
 * inserts, 40 % of them re-typed copies. A kind that has nothing to refer to yet (no customer to update, no order to pay) becomes a
 * customer insert.
 *
 * @param lines lines per order, one entry per order
 */
record BatchPlan(int originals, int copies, int updates, List<Integer> lines, int payments) {

    static BatchPlan draw(Random rnd, int size, int updatable, boolean customers, boolean orders,
            boolean originalsExist) {
        int originals = 0;
        int copies = 0;
        int updates = 0;
        int payments = 0;
        List<Integer> lines = new ArrayList<>();
        int i = 0;
        while (i < size) {
            int dice = rnd.nextInt(100);
            if (dice < 18 && updates < updatable) {
                updates++;
                i++;
            } else if (dice >= 18 && dice < 28 && customers) {
                int n = Math.min(1 + rnd.nextInt(3), size - i - 1);
                lines.add(n);
                i += n + 1;
            } else if (dice >= 28 && dice < 40 && orders) {
                payments++;
                i++;
            } else if (originalsExist && rnd.nextInt(100) < 40) {
                copies++;
                i++;
            } else {
                originals++;
                i++;
            }
        }
        return new BatchPlan(originals, copies, updates, List.copyOf(lines), payments);
    }

    int lineCount() {
        return lines.stream().mapToInt(Integer::intValue).sum();
    }
}
