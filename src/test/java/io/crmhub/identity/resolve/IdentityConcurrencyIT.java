package io.crmhub.identity.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.EntityRef;
import io.crmhub.it.HubIntegrationTest;
import io.crmhub.store.CanonicalStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Duplicates of one customer applied at the same moment by concurrent consumers — each its own thread, its
 * own connection and transaction, as two hub instances would be — still make exactly one golden customer.
 * A barrier releases the threads together in every round; without the key locks, rounds end with two or
 * more golden customers (each transaction sees none of the others' uncommitted links).
 */
@HubIntegrationTest
class IdentityConcurrencyIT {

    private static final int ROUNDS = 40;
    private static final int CONSUMERS = 4;
    private static final String[] SYSTEMS = {"erp", "oa", "shop", "partner:acme"};

    @Autowired
    CanonicalStore store;
    @Autowired
    JdbcTemplate crm;

    @Test
    void duplicatesAppliedAtTheSameMomentMakeExactlyOneGoldenCustomer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONSUMERS);
        List<String> allKeys = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<EntityRef> refs = applyTogether(pool, duplicates());
                refs.forEach(r -> allKeys.add(r.key()));
                assertThat(crm.queryForObject("SELECT count(*) FROM identity_link WHERE source_key IN (?, ?, ?, ?)",
                        Long.class, refs.stream().map(EntityRef::key).toArray())).isEqualTo(CONSUMERS);
                assertThat(crm.queryForObject("SELECT count(DISTINCT golden_id) FROM identity_link "
                        + "WHERE source_key IN (?, ?, ?, ?)", Long.class, refs.stream().map(EntityRef::key).toArray()))
                        .as("golden customers for one real customer in round %d", round).isEqualTo(1);
                assertThat(crm.queryForObject("SELECT count(*) FROM golden_customer g WHERE status = 'ACTIVE' AND "
                        + "EXISTS (SELECT 1 FROM identity_link l WHERE l.golden_id = g.golden_id AND l.source_key IN "
                        + "(?, ?, ?, ?))", Long.class, refs.stream().map(EntityRef::key).toArray())).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(crm.queryForObject("""
                SELECT count(*) FROM golden_customer g WHERE g.golden_id IN (
                    SELECT golden_id FROM identity_link WHERE source_key = ANY (?))
                  AND (g.status <> 'ACTIVE' OR g.member_count <> (
                    SELECT count(*) FROM identity_link l WHERE l.golden_id = g.golden_id))
                """, Long.class, (Object) allKeys.toArray(String[]::new)))
                .as("golden customers of these records are active and count their links").isZero();
    }

    /**
     * The same with two whole hubs on the one CRM store, each applying two of the four duplicates at the same
     * moment: the second hub is a separate Spring context with its own connection pool, as a second pod would be.
     */
    @Test
    void twoHubInstancesReceivingDuplicatesAtTheSameMomentMakeExactlyOneGoldenCustomer() throws Exception {
        try (org.springframework.context.ConfigurableApplicationContext second =
                     new org.springframework.boot.builder.SpringApplicationBuilder(io.crmhub.CrmHubApplication.class)
                             .profiles("local", "test")
                             .run("--camel.main.name=crm-hub-second", "--spring.jmx.unique-names=true",
                                     "--hub.connectors.erp.enabled=false", "--hub.connectors.scm.enabled=false",
                                     "--hub.simulator.erp.enabled=false")) {
            CanonicalStore other = second.getBean(CanonicalStore.class);
            ExecutorService pool = Executors.newFixedThreadPool(CONSUMERS);
            try {
                for (int round = 0; round < ROUNDS / 2; round++) {
                    List<Customers.Builder> builders = duplicates();
                    CyclicBarrier start = new CyclicBarrier(CONSUMERS);
                    List<Future<?>> done = new ArrayList<>();
                    for (int i = 0; i < CONSUMERS; i++) {
                        CanonicalStore hub = i % 2 == 0 ? store : other;
                        CanonicalEvent event = builders.get(i).event();
                        done.add(pool.submit(() -> {
                            start.await(30, TimeUnit.SECONDS);
                            return hub.apply(event);
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get(60, TimeUnit.SECONDS);
                    }
                    Object[] keys = builders.stream().map(b -> b.ref().key()).toArray();
                    assertThat(crm.queryForObject("SELECT count(DISTINCT golden_id) FROM identity_link "
                            + "WHERE source_key IN (?, ?, ?, ?)", Long.class, keys))
                            .as("golden customers for one real customer in round %d", round).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** One customer as four systems know it: same e-mail and mobile, names spelled differently. */
    private static List<Customers.Builder> duplicates() {
        String email = Customers.uniqueEmail("liu.yang");
        String mobile = Customers.uniqueMobile();
        String[] names = {"刘洋", "Liu Yang", "刘 洋", "LIU YANG"};
        List<Customers.Builder> builders = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            builders.add(Customers.customer(SYSTEMS[i], "K-" + UUID.randomUUID()).name(names[i]).email(email)
                    .phone(mobile));
        }
        return builders;
    }

    private List<EntityRef> applyTogether(ExecutorService pool, List<Customers.Builder> builders) throws Exception {
        CyclicBarrier start = new CyclicBarrier(builders.size());
        List<Future<?>> done = new ArrayList<>();
        for (Customers.Builder b : builders) {
            CanonicalEvent event = b.event();
            done.add(pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return store.apply(event);
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        return builders.stream().map(Customers.Builder::ref).toList();
    }
}
