package io.crmhub.identity.resolve;

import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.match.MatchExplanation;
import io.crmhub.identity.match.PairMatcher;
import io.crmhub.identity.match.TermFrequencies;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-checks golden customers under the current match rules (after ops tuned match-rules.yaml): members are
 * compared pairwise, the merge links form components, and every component but the one that keeps the golden
 * id is split off (an unmerge by {@code rules-v<version>}). The largest component keeps the id, ties going to
 * the one holding the earliest-linked record, so partners keep the id of the customer they know. Records a
 * person linked stay with the id.
 */
@Service
public class IdentityReevaluation {

    /** @param golden the golden customer re-checked; @param splitOff new golden ids of the parts split off */
    public record Result(UUID golden, List<UUID> splitOff) {}

    private final TransactionTemplate tx;
    private final IdentityAdmin admin;
    private final IdentityRepository links;
    private final CustomerNormalizer normalizer;
    private final PairMatcher matcher;
    private final NamedParameterJdbcTemplate jdbc;
    private final IdentityKeys keys;

    IdentityReevaluation(TransactionTemplate tx, IdentityAdmin admin, IdentityRepository links,
                         CustomerNormalizer normalizer, PairMatcher matcher, NamedParameterJdbcTemplate jdbc,
                         io.crmhub.identity.match.Blocker blocker) {
        this.keys = new IdentityKeys(blocker);
        this.tx = tx;
        this.admin = admin;
        this.links = links;
        this.normalizer = normalizer;
        this.matcher = matcher;
        this.jdbc = jdbc;
    }

    public Result reevaluate(UUID goldenId) {
        return tx.execute(status -> reevaluateLocked(goldenId));
    }

    /** Golden customers with a link decided by an older rules version, oldest first, at most {@code limit}. */
    public List<UUID> outdated(int limit) {
        return jdbc.queryForList("""
                SELECT golden_id FROM identity_link WHERE rules_version < :version
                GROUP BY golden_id ORDER BY min(linked_at) LIMIT :limit
                """, new MapSqlParameterSource("version", matcher.rules().version()).addValue("limit", limit),
                UUID.class);
    }

    private Result reevaluateLocked(UUID goldenId) {
        List<LinkedRecord> members = admin.lockMembers(List.of(goldenId));
        // new rules may normalise differently: re-key every live member so candidate search uses today's keys
        members.stream().filter(m -> !m.deleted() && m.customer() != null).forEach(m ->
                links.replaceKeys(m.ref(), IdentityKeys.sorted(keys.all(normalizer.normalize(m.customer())))));
        List<List<LinkedRecord>> parts = components(members);
        parts.sort((a, b) -> b.size() != a.size() ? b.size() - a.size()
                : Integer.compare(members.indexOf(a.get(0)), members.indexOf(b.get(0))));
        // every member is now checked under these rules, the ones split off included
        jdbc.update("UPDATE identity_link SET rules_version = :version WHERE golden_id = :golden",
                new MapSqlParameterSource("version", matcher.rules().version()).addValue("golden", goldenId));
        List<UUID> splitOff = new ArrayList<>();
        String actor = "rules-v" + matcher.rules().version();
        for (List<LinkedRecord> part : parts.subList(1, parts.size())) {
            List<EntityRef> refs = part.stream().map(LinkedRecord::ref).toList();
            splitOff.addAll(admin.unmergeLocked(goldenId, new UnmergeRequest(refs, false,
                    "no longer matches under match rules version " + matcher.rules().version()), actor));
        }
        return new Result(goldenId, splitOff);
    }

    /** Connected components of the merge graph; members keep their linked order inside a component. */
    private List<List<LinkedRecord>> components(List<LinkedRecord> members) {
        int n = members.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        List<NormalizedCustomer> normalized = members.stream()
                .map(m -> m.customer() == null ? null : normalizer.normalize(m.customer())).toList();
        // Members only: no store-wide frequencies, so each agreement weighs its configured level.
        TermFrequencies tf = TermFrequencies.none();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (together(members.get(i), members.get(j), normalized.get(i), normalized.get(j), tf)) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        Map<Integer, List<LinkedRecord>> parts = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            parts.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(members.get(i));
        }
        return new ArrayList<>(parts.values());
    }

    private boolean together(LinkedRecord a, LinkedRecord b, NormalizedCustomer na, NormalizedCustomer nb,
                             TermFrequencies tf) {
        if (a.linkedByPerson() || b.linkedByPerson()) {
            return true; // a person's link is not the rules' to undo
        }
        if (na == null || nb == null) {
            return false;
        }
        MatchExplanation e = matcher.compare(na, nb, tf);
        return e.outcome() == io.crmhub.identity.match.Outcome.MERGE;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
