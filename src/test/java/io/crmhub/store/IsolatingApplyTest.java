package io.crmhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.SourceRef;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

/**
 * How a failing batch is taken apart. The store is a stand-in here on purpose: the failures it throws are the ones a
 * PostgreSQL restart or a refused row produce (ChaosIT meets the real ones), in an order no real database repeats on
 * demand.
 */
class IsolatingApplyTest {

    private final List<List<String>> calls = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    @Test
    void anEventWhoseFailureDoesNotRepeatIsApplied() {
        // the crm-db-outage failure: a lone event's commit cut by the restart, thrown as the rollback's exception
        // with Hikari's "Connection is closed" (no SQLState) under it; here an unforeseen kind of the same thing
        CanonicalStore store = store(failingOnceThen(keys -> keys.stream().map(k -> ApplyOutcome.APPLIED).toList()));

        List<ApplyOutcome> outcomes = IsolatingApply.applyAll(store, events("k1"), this::refuse);

        assertThat(outcomes).containsExactly(ApplyOutcome.APPLIED);
        assertThat(refused).isEmpty();
        assertThat(calls).containsExactly(List.of("k1"), List.of("k1"));
    }

    @Test
    void aRefusalThatRepeatsIsolatesTheEventAtFaultAndKeepsTheOthers() {
        CanonicalStore store = store(keys -> {
            if (keys.contains("bad")) {
                throw new DataIntegrityViolationException("check", new SQLException("check violation", "23514"));
            }
            return keys.stream().map(k -> ApplyOutcome.APPLIED).toList();
        });

        List<ApplyOutcome> outcomes = IsolatingApply.applyAll(store, events("a", "b", "bad", "c"), this::refuse);

        assertThat(outcomes).containsExactly(ApplyOutcome.APPLIED, ApplyOutcome.APPLIED, null, ApplyOutcome.APPLIED);
        assertThat(refused).containsExactly("2:DataIntegrityViolationException");
        // whole batch, halves, the lone event twice (the second confirms), its neighbour
        assertThat(calls).containsExactly(List.of("a", "b", "bad", "c"), List.of("a", "b"), List.of("bad", "c"),
                List.of("bad"), List.of("bad"), List.of("c"));
    }

    @Test
    void theDatabaseGoneWhileConfirmingIsThrownForTheWholeBatchToBeRetried() {
        CanonicalStore store = store(failingOnceThen(keys -> {
            throw new DataAccessResourceFailureException("connect", new SQLException("refused", "08001"));
        }));

        assertThatThrownBy(() -> IsolatingApply.applyAll(store, events("k1"), this::refuse))
                .isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(refused).isEmpty();
    }

    @Test
    void aCommitCutByARestartIsNeverTheEventsFault() {
        // what Spring throws when the commit fails and the rollback after it too: only the rollback's exception
        TransactionSystemException cut = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        CanonicalStore store = store(keys -> {
            throw cut;
        });

        assertThatThrownBy(() -> IsolatingApply.applyAll(store, events("k1", "k2"), this::refuse)).isSameAs(cut);
        assertThat(refused).isEmpty();
        assertThat(calls).containsExactly(List.of("k1", "k2"));
    }

    private void refuse(int index, RuntimeException reason) {
        refused.add(index + ":" + reason.getClass().getSimpleName());
    }

    /** The first call fails for a reason no list of transient failures names; later calls do as {@code then}. */
    private static Function<List<String>, List<ApplyOutcome>> failingOnceThen(
            Function<List<String>, List<ApplyOutcome>> then) {
        int[] attempts = {0};
        return keys -> {
            if (attempts[0]++ == 0) {
                throw new IllegalStateException("a failure no one listed");
            }
            return then.apply(keys);
        };
    }

    @SuppressWarnings("unchecked")
    private CanonicalStore store(Function<List<String>, List<ApplyOutcome>> behaviour) {
        CanonicalStore store = mock(CanonicalStore.class);
        when(store.applyAll(anyList())).thenAnswer(call -> {
            List<String> keys = ((List<CanonicalEvent>) call.getArgument(0)).stream()
                    .map(e -> e.source().key()).toList();
            calls.add(keys);
            return behaviour.apply(keys);
        });
        return store;
    }

    private static List<CanonicalEvent> events(String... keys) {
        List<CanonicalEvent> events = new ArrayList<>();
        long sequence = 1;
        for (String key : keys) {
            SourceRef source = new SourceRef("erp", "customers", key, "pos-" + sequence, sequence++);
            events.add(new CanonicalEvent(CanonicalEvent.eventIdFor(source, ChangeOp.CREATE),
                    CanonicalEvent.typeFor(EntityType.CUSTOMER, ChangeOp.CREATE), CanonicalEvent.SCHEMA_VERSION,
                    EntityType.CUSTOMER, ChangeOp.CREATE, source, "erp@1", Instant.EPOCH, Instant.EPOCH, null, null));
        }
        return events;
    }
}
