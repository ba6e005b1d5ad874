package io.crmhub.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;

/**
 * One edge's fuzz run: a seeded source of generated values (the same seed gives the same cases), the tally of
 * server errors and unexplained outcomes, and the {@code RESULT fuzz …} line. Cases per edge come from
 * {@code -Dfuzz.cases} (200 in the default run, 10,000 in {@code -Pchaos}), the seed from {@code -Dfuzz.seed}.
 */
final class FuzzCampaign {

    static final int CASES = Integer.getInteger("fuzz.cases", 200);
    static final long SEED = Long.getLong("fuzz.seed", 20261203L);
    /** Reasons that say nothing: a refusal must say which field or line is wrong and why. */
    private static final Set<String> GENERIC = Set.of("bad request", "invalid", "error", "internal server error",
            "invalid input", "validation failed", "null", "failed");

    private final String edge;
    private final Random random;
    private final Map<Arbitrary<?>, RandomGenerator<?>> generators = new IdentityHashMap<>();
    private final List<String> serverErrors = new ArrayList<>();
    private final List<String> unexplained = new ArrayList<>();
    private int cases;
    private int refused;

    FuzzCampaign(String edge) {
        this.edge = edge;
        this.random = new Random(SEED ^ edge.hashCode());
    }

    /** The next generated value (edge cases of the arbitrary included). */
    @SuppressWarnings("unchecked")
    <T> T next(Arbitrary<T> arbitrary) {
        RandomGenerator<T> generator = (RandomGenerator<T>) generators.computeIfAbsent(arbitrary,
                a -> a.generatorWithEmbeddedEdgeCases(1000));
        return generator.next(random).value();
    }

    Random random() {
        return random;
    }

    void countCase() {
        cases++;
    }

    void countRefused() {
        refused++;
    }

    void serverError(String what) {
        serverErrors.add(what);
    }

    void unexplained(String what) {
        unexplained.add(what);
    }

    /**
     * A refusal's reason is explained when it is specific (names what is wrong, not a generic word) and quotes
     * none of the personal data that was sent.
     */
    boolean explained(String reason, Collection<String> personalData, String context) {
        if (reason == null || reason.isBlank() || reason.trim().length() < 8
                || GENERIC.contains(reason.trim().toLowerCase())) {
            unexplained(context + ": no specific reason (" + reason + ")");
            return false;
        }
        for (String value : personalData) {
            if (leaks(reason, value)) {
                unexplained(context + ": the reason quotes personal data sent in the request: " + reason);
                return false;
            }
        }
        return true;
    }

    /** Values long and distinctive enough that finding them in a reason cannot be chance. */
    static boolean leaks(String reason, String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip();
        // one character repeated (generated padding) is no one's data and matches any longer run of itself
        return v.length() >= 6 && v.codePoints().anyMatch(Character::isLetterOrDigit)
                && v.codePoints().distinct().count() > 1 && reason.contains(v);
    }

    String result() {
        return "RESULT fuzz edge=%s cases=%d refused=%d server_errors=%d unexplained=%d seed=%d".formatted(edge,
                cases, refused, serverErrors.size(), unexplained.size(), SEED);
    }

    /** Prints the result line and fails with the first examples when anything went wrong. */
    void report() {
        System.out.println(result());
        assertThat(serverErrors).as("%s: server errors for bad input", edge).isEmpty();
        assertThat(unexplained).as("%s: refusals without a specific, PII-free reason, or records lost", edge)
                .isEmpty();
        assertThat(cases).as("%s: cases run", edge).isGreaterThanOrEqualTo(CASES);
    }
}
