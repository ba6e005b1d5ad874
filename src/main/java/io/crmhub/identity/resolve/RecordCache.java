package io.crmhub.identity.resolve;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Parsed and normalised versions of stored customer records, by record and source sequence (a new sequence is a new
 * version, so an entry is never stale). The members of a busy block (a name prefix, a street) are candidates for
 * batch after batch: parsing and normalising them once instead of every time is most of the batch's CPU.
 * Bounded (least recently used first out), so the heap does not grow with the store.
 */
@Component
class RecordCache {

    static final int CAPACITY = 20_000;

    private final int capacity;

    private record Key(EntityRef ref, long sequence) {}

    private record Entry(Customer customer, NormalizedCustomer normalized) {}

    private final CustomerNormalizer normalizer;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(4096, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > capacity;
        }
    };

    @org.springframework.beans.factory.annotation.Autowired
    RecordCache(CustomerNormalizer normalizer) {
        this(normalizer, CAPACITY);
    }

    /** @param capacity versions kept at most */
    RecordCache(CustomerNormalizer normalizer, int capacity) {
        this.normalizer = normalizer;
        this.capacity = capacity;
    }

    /** The record's customer, parsed by {@code parse} only when this version was not seen before. */
    synchronized Customer customer(EntityRef ref, long sequence, Supplier<Customer> parse) {
        Entry entry = entries.get(new Key(ref, sequence));
        if (entry != null && entry.customer() != null) {
            return entry.customer();
        }
        Customer customer = parse.get();
        if (customer != null) {
            entries.put(new Key(ref, sequence), new Entry(customer, entry == null ? null : entry.normalized()));
        }
        return customer;
    }

    /** The record's customer if this version was parsed before, else null. */
    synchronized Customer peek(EntityRef ref, long sequence) {
        Entry entry = entries.get(new Key(ref, sequence));
        return entry == null ? null : entry.customer();
    }

    /** Remembers a version parsed and normalised elsewhere (a batch's own changes, read from their events). */
    synchronized void put(EntityRef ref, long sequence, Customer customer, NormalizedCustomer normalized) {
        entries.put(new Key(ref, sequence), new Entry(customer, normalized));
    }

    /** This version's normalised form if known, else null. */
    synchronized NormalizedCustomer normalizedIfKnown(EntityRef ref, long sequence) {
        Entry entry = entries.get(new Key(ref, sequence));
        return entry == null ? null : entry.normalized();
    }

    /** Remembers a version's normalised form read from the store ({@link StoredForms}), its customer unread. */
    synchronized void putNormalized(EntityRef ref, long sequence, NormalizedCustomer normalized) {
        Key key = new Key(ref, sequence);
        Entry entry = entries.get(key);
        entries.put(key, new Entry(entry == null ? null : entry.customer(), normalized));
    }

    /** The record's normalised form, computed once per version. */
    NormalizedCustomer normalized(LinkedRecord record) {
        Key key = new Key(record.ref(), record.sequence());
        synchronized (this) {
            Entry entry = entries.get(key);
            // a form read from the store (no customer) was made of exactly this version
            if (entry != null && entry.normalized() != null
                    && (entry.customer() == null || entry.customer() == record.customer())) {
                return entry.normalized();
            }
        }
        NormalizedCustomer normalized = normalizer.normalize(record.customer());
        synchronized (this) {
            entries.put(key, new Entry(record.customer(), normalized));
        }
        return normalized;
    }
}
