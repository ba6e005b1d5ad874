package io.crmhub.identity.resolve;

import io.crmhub.canonical.CanonicalJson;
import io.crmhub.connector.PublishBatch;
import io.crmhub.identity.resolve.IdentityQueries.DecisionView;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes identity decisions to the identity topic from the identity_decision table (a transactional
 * outbox): a decision exists exactly when the change that caused it committed, and its id stays in
 * identity_decision_pending (put there by the table's insert trigger, V27) until Kafka acknowledged it; the
 * decision row itself is never updated. At-least-once: a crash between the two re-sends; consumers dedupe on
 * {@code id}. One publisher at a time across hub instances (an advisory lock), in id order, keyed by golden
 * id, so one golden customer's decisions keep their order on the topic.
 */
@Component("identityOutbox")
public class IdentityOutbox {

    private static final long PUBLISHER_LOCK = LockKeys.hash("outbox-publisher");
    private static final long SEND_TIMEOUT_SECONDS = 30;
    /** Bounds one timer tick, so a large backlog drains over several ticks and the route stays responsive. */
    private static final int MAX_BATCHES_PER_TICK = 20;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ProducerTemplate producer;
    private final String topic;
    private final String endpoint;
    private final int batchSize;

    IdentityOutbox(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, ProducerTemplate producer,
                   @Value("${hub.kafka.topics.identity}") String topic, IdentityProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.producer = producer;
        this.topic = topic;
        // each message of a batch keeps its own key (the golden id): see PublishBatch
        this.endpoint = "kafka:" + topic + "?batchWithIndividualHeaders=true";
        this.batchSize = properties.publishBatchSize();
    }

    /** Publishes pending decisions batch by batch until none are left (or 20 batches); returns how many. */
    public int publishPending() {
        int total = 0;
        for (int round = 0; round < MAX_BATCHES_PER_TICK && !producer.getCamelContext().isStopping(); round++) {
            int published = publishBatch();
            total += published;
            if (published < batchSize) {
                break;
            }
        }
        return total;
    }

    /** Publishes one batch of pending decisions in one transaction; returns how many. */
    int publishBatch() {
        Integer published = tx.execute(status -> {
            Boolean mine = jdbc.getJdbcTemplate().queryForObject("SELECT pg_try_advisory_xact_lock(?)",
                    Boolean.class, PUBLISHER_LOCK);
            if (!Boolean.TRUE.equals(mine)) {
                return 0; // another instance is publishing
            }
            // the next ids in order, then their decisions in one index scan over the array (PostgreSQL 17 walks
            // neighbouring ids together); an id whose decision is gone is dropped unsent
            List<Long> ids = jdbc.queryForList("SELECT id FROM identity_decision_pending ORDER BY id LIMIT :limit",
                    new MapSqlParameterSource("limit", batchSize), Long.class);
            if (ids.isEmpty()) {
                return 0;
            }
            // one array, one statement text: an IN list was prepared and planned again for every batch length
            MapSqlParameterSource round = new MapSqlParameterSource("ids", ids.toArray(Long[]::new));
            List<DecisionView> pending = jdbc.query(
                    "SELECT * FROM identity_decision WHERE id = ANY(CAST(:ids AS bigint[])) ORDER BY id", round,
                    (rs, n) -> IdentityQueries.decision(rs));
            if (!pending.isEmpty()) {
                send(pending);
            }
            jdbc.update("DELETE FROM identity_decision_pending WHERE id = ANY(CAST(:ids AS bigint[]))", round);
            return ids.size();
        });
        return published == null ? 0 : published;
    }

    /**
     * The batch as one exchange, as every source publishes ({@link PublishBatch}): the producer sends each decision
     * without waiting and awaits all acknowledgements together (one exchange per decision cost a Camel exchange and a
     * pool thread's hand-off each: ~10 % of the hub's CPU during a backfill).
     */
    private void send(List<DecisionView> decisions) {
        List<PublishBatch.Prepared> messages = decisions.stream().map(d -> new PublishBatch.Prepared(topic,
                d.goldenId().toString(), String.valueOf(d.id()), CanonicalJson.write(d))).toList();
        try {
            producer.asyncRequestBody(endpoint, new PublishBatch(producer.getCamelContext(), messages))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing identity decisions", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IdentityPublishException("identity decisions not acknowledged by Kafka; they stay pending", e);
        }
    }

    /** Kafka did not take the batch: transient, the same decisions are sent again next round. */
    public static class IdentityPublishException extends RuntimeException {
        IdentityPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
