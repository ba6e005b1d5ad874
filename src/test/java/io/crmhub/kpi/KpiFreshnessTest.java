package io.crmhub.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

class KpiFreshnessTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    @AfterEach
    void noTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void factsCountFromTheCommitOfTheirTransactionNotBefore() {
        KpiFreshness freshness = new KpiFreshness(Clock.fixed(T, ZoneOffset.UTC));
        TransactionSynchronizationManager.initSynchronization();
        freshness.factsWritten();
        assertThat(freshness.newestFact()).isEmpty(); // written, not visible yet

        TransactionSynchronizationUtils.invokeAfterCommit(TransactionSynchronizationManager.getSynchronizations());
        assertThat(freshness.newestFact()).contains(T);
    }

    @Test
    void factsOfATransactionThatRolledBackNeverCount() {
        KpiFreshness freshness = new KpiFreshness(Clock.fixed(T, ZoneOffset.UTC));
        TransactionSynchronizationManager.initSynchronization();
        freshness.factsWritten();
        TransactionSynchronizationUtils.invokeAfterCompletion(TransactionSynchronizationManager.getSynchronizations(),
                TransactionSynchronization.STATUS_ROLLED_BACK);
        assertThat(freshness.newestFact()).isEmpty();
    }

    @Test
    void theNewestCommitWinsWhateverOrderTwoConsumersFinishIn() {
        Instant[] now = {T.plusSeconds(5)};
        KpiFreshness freshness = new KpiFreshness(new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        });
        freshness.factsWritten(); // outside a transaction: now
        now[0] = T; // a clock read earlier by another thread, recorded later
        freshness.factsWritten();
        assertThat(freshness.newestFact()).contains(T.plusSeconds(5));
    }
}
