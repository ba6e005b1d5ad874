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
}
