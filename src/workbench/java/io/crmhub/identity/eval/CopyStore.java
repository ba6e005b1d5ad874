package io.crmhub.identity.eval;

import io.crmhub.identity.cluster.Clusters;
import io.crmhub.identity.cluster.Parallel;
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
 * and one identity_link row per record, with COPY. Golden ids are name-based UUIDs of the first member's source
 * reference, so a re-run gives the same ids.
 *
 * <p>The clusters are split into {@code writers} shares, each written on its own connection in one transaction:
 * its golden rows first, then its members' links. A link only references a golden row of its own share, so the
 * foreign key is checked inside that transaction and the writers never wait for each other; the server spends
 * its time per row (foreign key, generated JSONB columns, indexes) on as many cores as there are writers. Each
 * share is atomic; a failure can leave other shares written (a bulk load into an empty store).
 */
public final class CopyStore {

    private final DataSource dataSource;
    private final GoldenWriter goldens;
    private final String system;
    private final String entity;
    private final int rulesVersion;
    private final int writers;

    public CopyStore(DataSource dataSource, GoldenWriter goldens, String system, String entity, int rulesVersion,
                     int writers) {
        this.dataSource = dataSource;
        this.goldens = goldens;
        this.system = system;
        this.entity = entity;
        this.rulesVersion = rulesVersion;
        this.writers = Math.max(1, writers);
    }

    public CopyStore(DataSource dataSource, GoldenWriter goldens, String system, String entity, int rulesVersion) {
        this(dataSource, goldens, system, entity, rulesVersion, 1);
    }

    /** @return golden rows and link rows written */
    public long[] write(List<NormalizedCustomer> records, IntFunction<String> keys, Clusters clusters)
            throws SQLException {
        int[][] members = Members.of(clusters.clusterOf());
        List<long[]> written = Parallel.split(members.length, writers, range -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                long golden = writeGoldens(copy, records, keys, members, range);
                long links = writeLinks(copy, records, keys, clusters, members, range);
                c.commit();
                return new long[] {golden, links};
            } catch (SQLException e) {
                throw new IllegalStateException("COPY into the identity tables failed: " + e.getSQLState(), e);
            }
        });
        long[] total = new long[2];
        for (long[] w : written) {
            total[0] += w[0];
            total[1] += w[1];
        }
        return total;
    }

    private long writeGoldens(CopyManager copy, List<NormalizedCustomer> records, IntFunction<String> keys,
                              int[][] members, Parallel.Range range) throws SQLException {
        try (CopyWriter w = new CopyWriter(copy.copyIn(
                "COPY golden_customer (golden_id, record, provenance, member_count) FROM STDIN"))) {
            for (int first = range.from(); first < range.to(); first++) {
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
                            Clusters clusters, int[][] members, Parallel.Range range) throws SQLException {
        try (CopyWriter w = new CopyWriter(copy.copyIn("COPY identity_link (source_system, source_entity, "
                + "source_key, golden_id, rule, score, via_system, via_entity, via_key, normalized, rules_version)"
                + " FROM STDIN"))) {
            for (int first = range.from(); first < range.to(); first++) {
                if (members[first] == null) {
                    continue;
                }
                UUID golden = goldenId(keys.apply(first));
                for (int r : members[first]) {
                    int via = clusters.via()[r];
                    w.value(system).value(entity).value(keys.apply(r)).value(golden)
                            .value(clusters.rule()[r].label()).value(via < 0 ? null : clusters.score()[r])
                            .value(via < 0 ? null : system).value(via < 0 ? null : entity)
                            .value(via < 0 ? null : keys.apply(via))
                            .value(FirstMemberGolden.normalized(records.get(r))).value(rulesVersion).endRow();
                }
            }
            return w.rows();
        }
    }

    private UUID goldenId(String firstMemberKey) {
        return UUID.nameUUIDFromBytes((system + ":" + entity + ":" + firstMemberKey).getBytes(StandardCharsets.UTF_8));
    }
}
