package io.crmhub.identity.eval;

import io.crmhub.identity.cluster.Clusters;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes a batch's clusters into the CRM store's identity tables (V6): one golden_customer row per cluster
 * and one identity_link row per record, each with COPY in one transaction. Golden ids are name-based UUIDs
 * of the first member's source reference, so a re-run gives the same ids.
 */
public final class CopyStore {

    private final DataSource dataSource;
    private final GoldenWriter goldens;
    private final String system;
    private final String entity;
    private final int rulesVersion;

    public CopyStore(DataSource dataSource, GoldenWriter goldens, String system, String entity, int rulesVersion) {
        this.dataSource = dataSource;
        this.goldens = goldens;
        this.system = system;
        this.entity = entity;
        this.rulesVersion = rulesVersion;
    }

    /** @return golden rows and link rows written */
    public long[] write(List<NormalizedCustomer> records, IntFunction<String> keys, Clusters clusters)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long golden = writeGoldens(copy, records, keys, clusters);
            long links = writeLinks(copy, records, keys, clusters);
            c.commit();
            return new long[] {golden, links};
        }
    }

    private long writeGoldens(CopyManager copy, List<NormalizedCustomer> records, IntFunction<String> keys,
                              Clusters clusters) throws SQLException {
        int[][] members = Members.of(clusters.clusterOf());
        try (CopyWriter w = new CopyWriter(copy.copyIn(
                "COPY golden_customer (golden_id, record, provenance, member_count) FROM STDIN"))) {
            for (int first = 0; first < members.length; first++) {
                if (members[first] == null) {
                    continue;
                }
                List<GoldenWriter.Member> cluster = new ArrayList<>(members[first].length);
                for (int r : members[first]) {
                    cluster.add(new GoldenWriter.Member(keys.apply(r), records.get(r)));
                }
                GoldenWriter.Golden g = goldens.golden(cluster);
                w.value(goldenId(keys.apply(first))).value(g.record()).value(g.provenance())
                        .value(cluster.size()).endRow();
            }
            return w.rows();
        }
    }

    private long writeLinks(CopyManager copy, List<NormalizedCustomer> records, IntFunction<String> keys,
                            Clusters clusters) throws SQLException {
        try (CopyWriter w = new CopyWriter(copy.copyIn("COPY identity_link (source_system, source_entity, "
                + "source_key, golden_id, rule, score, via_system, via_entity, via_key, normalized, rules_version)"
                + " FROM STDIN"))) {
            for (int r = 0; r < records.size(); r++) {
                int via = clusters.via()[r];
                w.value(system).value(entity).value(keys.apply(r)).value(goldenId(keys.apply(clusters.clusterOf()[r])))
                        .value(clusters.rule()[r].label()).value(via < 0 ? null : clusters.score()[r])
                        .value(via < 0 ? null : system).value(via < 0 ? null : entity)
                        .value(via < 0 ? null : keys.apply(via))
                        .value(FirstMemberGolden.normalized(records.get(r))).value(rulesVersion).endRow();
            }
            return w.rows();
        }
    }

    private UUID goldenId(String firstMemberKey) {
        return UUID.nameUUIDFromBytes((system + ":" + entity + ":" + firstMemberKey).getBytes(StandardCharsets.UTF_8));
    }
}
