package io.crmhub.connector.erp;

import io.debezium.engine.spi.OffsetCommitPolicy;
import java.time.Duration;
import java.util.Properties;

/**
 * Debezium offset commit policy of {@code hub.connectors.erp.offset-flush-interval-ms: 0}: the position is written
 * after every batch the hub acknowledged, so a crash reads at most that one batch again. Debezium's own
 * {@code AlwaysCommitOffsetPolicy} cannot be named in the configuration: the engine instantiates the policy through a
 * {@code (Properties)} constructor, which that class lacks.
 */
public class CommitEveryBatchPolicy implements OffsetCommitPolicy {

    public CommitEveryBatchPolicy(Properties config) {
        // nothing to configure
    }

    @Override
    public boolean performCommit(long numberOfMessagesSinceLastCommit, Duration timeSinceLastCommit) {
        return true;
    }
}
