package io.crmhub.identity.cluster;

import java.util.Arrays;

/** A growable list of longs: millions of keys or pairs without a boxed Long each. Not thread-safe. */
final class LongList {

    private long[] values;
    private int size;

    LongList(int capacity) {
        values = new long[Math.max(capacity, 16)];
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, values.length * 3L / 2 + 16));
        }
        values[size++] = value;
    }

    /**
     * Adds a value to a list that is only wanted as {@link #sortedDistinct}: when full, the list is first made
     * distinct in place and grows only if that did not free a quarter of it. Candidate pairs repeat once per key two
     * records share (a copy shares phone, e-mail, name and address with its original), so this keeps the list near
     * the number of distinct pairs instead of all of them (a million records: tens of millions of longs).
     */
    void addCompacting(long value) {
        if (size == values.length) {
            compactOrGrow(distinctInPlace());
        }
        values[size++] = value;
    }

    /** After compacting a full list to {@code kept} values: grows it unless that freed a quarter of it. */
    private void compactOrGrow(int kept) {
        size = kept;
        if (size > values.length - values.length / 4) {
            values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, values.length * 3L / 2 + 16));
        }
    }

    private int distinctInPlace() {
        Arrays.sort(values, 0, size);
        int out = 0;
        for (int i = 0; i < size; i++) {
            if (out == 0 || values[i] != values[out - 1]) {
                values[out++] = values[i];
            }
        }
        return out;
    }

    void addAll(LongList other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    int size() {
        return size;
    }

    long get(int index) {
        return values[index];
    }

    /** The values, trimmed to size; the list must not be used afterwards. */
    long[] toArray() {
        return size == values.length ? values : Arrays.copyOf(values, size);
    }

    /**
     * The values of a list of flagged values ({@code value << 1 | 1} for a weak one, {@code value << 1} for a strong
     * one), each once, ascending, keeping a value that was added strong at least once or weak at least twice; as
     * {@link #addCompacting}, the list may already have been compacted by {@link #mergeFlagged} in between.
     */
    long[] strongDistinct() {
        int merged = mergeFlagged();
        int out = 0;
        for (int i = 0; i < merged; i++) {
            if ((values[i] & 1) == 0) {
                values[out++] = values[i] >>> 1; // in place: out never passes i
            }
        }
        long[] result = Arrays.copyOf(values, out);
        values = null;
        return result;
    }

    /** {@link #addCompacting} for flagged values ({@link #strongDistinct}). */
    void addFlaggedCompacting(long flagged) {
        if (size == values.length) {
            compactOrGrow(mergeFlagged());
        }
        values[size++] = flagged;
    }

    /** Sorts and merges equal values: strong when any was strong or the value came more than once. */
    private int mergeFlagged() {
        Arrays.sort(values, 0, size);
        int out = 0;
        for (int i = 0; i < size; ) {
            long value = values[i] >>> 1;
            int run = i + 1;
            while (run < size && (values[run] >>> 1) == value) {
                run++;
            }
            // sorted: a strong entry (flag 0) of a value comes before its weak ones
            boolean strong = run - i > 1 || (values[i] & 1) == 0;
            values[out++] = value << 1 | (strong ? 0 : 1);
            i = run;
        }
        return out;
    }

    /**
     * The distinct values, ascending, trimmed; sorted in place (no second buffer as a parallel sort would take), so
     * at most the list and its result are held at once. The list must not be used afterwards.
     */
    long[] sortedDistinct() {
        int out = distinctInPlace();
        long[] result = out == values.length ? values : Arrays.copyOf(values, out);
        values = null;
        return result;
    }
}
