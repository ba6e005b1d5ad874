package io.crmhub.identity.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.it.HubIntegrationTest;
import io.crmhub.store.CanonicalStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two transactions that share only an oversized key (a name more than {@code max-block-size} records carry, as every
 * batch carries a common name or a shared address) do not wait for each other: the key is locked shared and counted
 * by appending (V21). Two that share a searchable key (an e-mail) still take turns, and end in one golden customer.
 * Each case holds the first transaction open while the second applies, as a second store consumer or pod would.
 */
@HubIntegrationTest
class IdentityLockModesIT {

    private static final String GIVEN = "华安泰和信达恒瑞鑫源宏盛丰隆昌兴永嘉德福明光远通";

    @Autowired
    CanonicalStore store;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    TransactionTemplate tx;

    private ExecutorService pool;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void pool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    @Test
    void transactionsSharingOnlyAnOversizedKeyDoNotWaitForEachOther() throws Exception {
        String name = commonName(120);
        Customers.Builder first = person(name, Customers.uniqueEmail("a"));
        Customers.Builder second = person(name, Customers.uniqueEmail("b"));

        Future<?> open = holdOpen(first.event());
        // the first transaction holds its locks and count rows; the second must not need any of them
        pool.submit(() -> store.apply(second.event())).get(30, TimeUnit.SECONDS);
        assertThat(linkedGolden(second)).as("linked while the first transaction is still open").isNotNull();
        assertThat(linkedGolden(first)).as("the first is not committed yet").isNull();

        release.countDown();
        open.get(60, TimeUnit.SECONDS);
        assertThat(linkedGolden(first)).isNotNull().isNotEqualTo(linkedGolden(second));
        assertThat(crm.queryForObject("""
                SELECT count(*) FROM (SELECT DISTINCT key FROM identity_key WHERE source_key = ?) r
                WHERE identity_key_records(r.key) <> (SELECT count(*) FROM identity_key k WHERE k.key = r.key)
                """, Long.class, second.ref().key()))
                .as("kept counts of the second record's keys equal the keys stored, hot ones included").isZero();
    }

    @Test
    void transactionsSharingASearchableKeyTakeTurnsAndMakeOneGoldenCustomer() throws Exception {
        String email = Customers.uniqueEmail("zhao.lei");
        Customers.Builder first = person("赵磊", email);
        Customers.Builder second = person("赵 磊", email);

        Future<?> open = holdOpen(first.event());
        Future<?> waiting = pool.submit(() -> store.apply(second.event()));
        await().atMost(Duration.ofSeconds(30)).until(() -> crm.queryForObject(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory' AND datname = current_database() "
                        + "AND query LIKE '%pg_advisory_xact_lock%'", Long.class) > 0);
        assertThat(waiting).as("waits for the first transaction's lock on the e-mail's block").isNotDone();

        release.countDown();
        open.get(60, TimeUnit.SECONDS);
        waiting.get(60, TimeUnit.SECONDS);
        assertThat(linkedGolden(second)).isNotNull().isEqualTo(linkedGolden(first));
    }

    /** A name carried by {@code records} stored people (each otherwise unique): its blocks are oversized. */
    private String commonName(int records) {
        Random random = new Random();
        String name = "欧阳" + GIVEN.charAt(random.nextInt(GIVEN.length())) + GIVEN.charAt(random.nextInt(GIVEN.length()))
                + GIVEN.charAt(random.nextInt(GIVEN.length()));
        List<CanonicalEvent> events = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            events.add(person(name, Customers.uniqueEmail("p" + i)).event());
        }
        store.applyAll(events);
        return name;
    }

    private static Customers.Builder person(String name, String email) {
        return Customers.customer("erp", "LOCK-" + UUID.randomUUID()).name(name).email(email)
                .phone(Customers.uniqueMobile());
    }

    /** Applies the change in a transaction that stays open until the test releases it. */
    private Future<?> holdOpen(CanonicalEvent event) throws InterruptedException {
        CountDownLatch applied = new CountDownLatch(1);
        Future<?> open = pool.submit(() -> tx.executeWithoutResult(status -> {
            store.apply(event);
            applied.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(applied.await(60, TimeUnit.SECONDS)).as("the first change applied").isTrue();
        return open;
    }

    private UUID linkedGolden(Customers.Builder customer) {
        List<UUID> golden = crm.queryForList("SELECT golden_id FROM identity_link WHERE source_system = ? AND "
                + "source_entity = ? AND source_key = ?", UUID.class, customer.ref().system(), customer.ref().entity(),
                customer.ref().key());
        return golden.isEmpty() ? null : golden.get(0);
    }
}
