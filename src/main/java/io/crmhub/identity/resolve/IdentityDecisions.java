package io.crmhub.identity.resolve;

import io.crmhub.canonical.CanonicalJson;
import io.crmhub.identity.match.MatchRules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records identity decisions in identity_decision (the audit trail, and the outbox {@link IdentityOutbox}
 * publishes) in the caller's transaction, and counts them: {@code hub_identity_decisions_total{kind}}.
 * Counters move before the commit; a rolled-back decision is retried and then counted again, which keeps
 * them an upper bound of work done rather than of committed decisions.
 */
@Component
class IdentityDecisions {

    private final NamedParameterJdbcTemplate jdbc;
    private final int rulesVersion;
    private final Map<DecisionKind, Counter> counters = new EnumMap<>(DecisionKind.class);

    IdentityDecisions(NamedParameterJdbcTemplate jdbc, MatchRules rules, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.rulesVersion = rules.version();
        for (DecisionKind kind : DecisionKind.values()) {
            counters.put(kind, Counter.builder("hub.identity.decisions")
                    .description("Identity decisions: golden customers created, records linked, merges, unmerges ...")
                    .tag("kind", kind.name().toLowerCase()).register(registry));
        }
    }

    private static final String INSERT = """
            INSERT INTO identity_decision (kind, golden_id, other_golden_id, source_system, source_entity,
                source_key, rule, score, rules_version, actor, details)
            VALUES (:kind, :golden, :other, :system, :entity, :key, :rule, :score, :rulesVersion, :actor,
                CAST(:details AS json))
            """;

    void record(Decision d) {
        jdbc.update(INSERT, values(d));
        counters.get(d.kind()).increment();
    }

    /**
     * A batch's decisions in one statement over arrays, in the order given: ids are drawn row by row in array order
     * (the outbox publishes in id order). One prepared statement and plan whatever the count.
     */
    void recordAll(List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        List<MapSqlParameterSource> rows = decisions.stream().map(this::values).toList();
        jdbc.update("""
                INSERT INTO identity_decision (kind, golden_id, other_golden_id, source_system, source_entity,
                    source_key, rule, score, rules_version, actor, details)
                SELECT v.kind, v.golden, v.other, v.s, v.e, v.k, v.rule, v.score, v.rv, v.actor, CAST(v.details AS json)
                FROM unnest(CAST(:kind AS text[]), CAST(:golden AS uuid[]), CAST(:other AS uuid[]),
                    CAST(:system AS text[]), CAST(:entity AS text[]), CAST(:key AS text[]), CAST(:rule AS text[]),
                    CAST(:score AS float8[]), CAST(:rulesVersion AS int[]), CAST(:actor AS text[]),
                    CAST(:details AS text[])) WITH ORDINALITY AS v(kind, golden, other, s, e, k, rule, score, rv, actor,
                        details, n)
                ORDER BY v.n
                """, new MapSqlParameterSource("kind", IdentityBatchRepository.column(rows, "kind", String[]::new))
                .addValue("golden", IdentityBatchRepository.column(rows, "golden", java.util.UUID[]::new))
                .addValue("other", IdentityBatchRepository.column(rows, "other", java.util.UUID[]::new))
                .addValue("system", IdentityBatchRepository.column(rows, "system", String[]::new))
                .addValue("entity", IdentityBatchRepository.column(rows, "entity", String[]::new))
                .addValue("key", IdentityBatchRepository.column(rows, "key", String[]::new))
                .addValue("rule", IdentityBatchRepository.column(rows, "rule", String[]::new))
                .addValue("score", IdentityBatchRepository.column(rows, "score", Double[]::new))
                .addValue("rulesVersion", IdentityBatchRepository.column(rows, "rulesVersion", Integer[]::new))
                .addValue("actor", IdentityBatchRepository.column(rows, "actor", String[]::new))
                .addValue("details", IdentityBatchRepository.column(rows, "details", String[]::new)));
        decisions.forEach(d -> counters.get(d.kind()).increment());
    }

    private MapSqlParameterSource values(Decision d) {
        return new MapSqlParameterSource("kind", d.kind().name()).addValue("golden", d.golden())
                .addValue("other", d.other())
                .addValue("system", d.source() == null ? null : d.source().system())
                .addValue("entity", d.source() == null ? null : d.source().entity())
                .addValue("key", d.source() == null ? null : d.source().key())
                .addValue("rule", d.rule()).addValue("score", d.score()).addValue("rulesVersion", rulesVersion)
                .addValue("actor", d.actor())
                .addValue("details", d.details() == null || d.details().isEmpty() ? null : CanonicalJson.write(d.details()));
    }
}
