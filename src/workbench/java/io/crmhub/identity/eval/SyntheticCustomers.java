package io.crmhub.identity.eval;

import io.crmhub.canonical.Customer;
import java.util.SplittableRandom;

/**
 * Labelled synthetic customers for measuring the matcher: each invented real customer (an entity) appears as
 * one to five source records, each a differently corrupted copy, numbered {@code r<index>}. The same seed
 * always yields the same records, so a figure can be reproduced and tuning on one seed can be checked on
 * another. Streams records to a callback: a million need not be held as canonical objects.
 */
public final class SyntheticCustomers {

    /** A labelled generator: this one, or {@link PersonRecords}. */
    @FunctionalInterface
    public interface Source {
        void generate(int records, Sink sink);
    }

    /** Receives each record with its ground-truth entity id, in index order. */
    @FunctionalInterface
    public interface Sink {
        void accept(int index, Customer customer, int entity);
    }

    /** Share of entities with 1, 2, 3, 4, 5 records: about half are never duplicated. */
    private static final double[] COPIES = {0.45, 0.30, 0.15, 0.07, 0.03};

    private final long seed;

    public SyntheticCustomers(long seed) {
        this.seed = seed;
    }

    /** Generates exactly {@code records} records (the last entity may be cut short). */
    public void generate(int records, Sink sink) {
        SplittableRandom rnd = new SplittableRandom(seed);
        EntityFactory entities = new EntityFactory(rnd.split());
        Corruptor corruptor = new Corruptor(rnd.split());
        int index = 0;
        for (int entity = 0; index < records; entity++) {
            Profile profile = entities.next();
            int copies = copies(rnd);
            for (int c = 0; c < copies && index < records; c++, index++) {
                sink.accept(index, corruptor.record(profile, "r" + index), entity);
            }
        }
    }

    private static int copies(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        for (int i = 0; i < COPIES.length; i++) {
            u -= COPIES[i];
            if (u < 0) {
                return i + 1;
            }
        }
        return COPIES.length;
    }
}
