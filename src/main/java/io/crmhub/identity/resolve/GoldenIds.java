package io.crmhub.identity.resolve;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * Ids of new golden customers: version 7 UUIDs (RFC 9562), time-ordered, so that the indexes keyed by golden id
 * ({@code golden_customer}'s primary key, {@code identity_link_golden_idx}, {@code identity_decision_golden_idx}, the
 * KPI tables') take a new customer's entries at their right edge instead of at a random leaf of a large index.
 * Opaque and stable as before; they do tell when the customer was created, to the millisecond.
 */
final class GoldenIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private GoldenIds() {}

    static UUID next() {
        return GENERATOR.generate();
    }
}
