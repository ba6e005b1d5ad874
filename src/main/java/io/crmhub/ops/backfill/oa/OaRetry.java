package io.crmhub.ops.backfill.oa;

import io.crmhub.connector.oa.OaUnavailableException;
import io.crmhub.ops.backfill.BackfillException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transient OA faults (down, 5xx, too slow, a broken page) during a backfill: a few retries with exponential
 * back-off, then the run fails resumable (exit 1, run again). The live route retries forever instead; a batch
 * job should rather stop and say so. A rejected request ({@code OaRejectedException}) is not retried.
 */
final class OaRetry {

    private static final Logger LOG = LoggerFactory.getLogger(OaRetry.class);
    private static final int ATTEMPTS = 5;
    private static final long FIRST_BACK_OFF_MS = 200;

    <T> T call(String what, Supplier<T> call) {
        long backOff = FIRST_BACK_OFF_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (OaUnavailableException e) {
                if (attempt >= ATTEMPTS) {
                    throw new BackfillException(what + ": the OA is unavailable after " + ATTEMPTS + " attempts ("
                            + e.getMessage() + ")", e);
                }
                LOG.warn("{}: OA unavailable (attempt {} of {}), retrying in {} ms", what, attempt, ATTEMPTS, backOff);
                pause(backOff);
                backOff *= 2; // 0.2, 0.4, 0.8, 1.6 s: about 3 s for an OA restart or a proxy hiccup
            }
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackfillException("interrupted while waiting for the OA", e);
        }
    }
}
