package io.crmhub.identity.resolve;

import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.resolve.GoldenRepository.GoldenRow;
import io.crmhub.identity.resolve.IdentityException.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decisions people make about identities: unmerge (split records off a golden customer), merge golden
 * customers, answer a review. Each takes the same key locks as automatic resolution, so it never races a
 * change of the same records; each is audited and published like any automatic decision, and leaves a
 * constraint so the matcher does not undo it on the next change.
 */
@Service
public class IdentityAdmin {

    static final String MANUAL_MERGE = "manual-merge";
    static final String UNMERGE = "unmerge";

    private final TransactionTemplate tx;
    private final IdentityRepository links;
    private final GoldenRepository goldens;
    private final GoldenRecords records;
    private final IdentityDecisions decisions;
    private final IdentityLocks locks;

    IdentityAdmin(TransactionTemplate tx, IdentityRepository links, GoldenRepository goldens, GoldenRecords records,
                  IdentityDecisions decisions, IdentityLocks locks) {
        this.tx = tx;
        this.locks = locks;
        this.links = links;
        this.goldens = goldens;
        this.records = records;
        this.decisions = decisions;
    }

    /** Splits records off; the golden id stays with the rest. Returns the new golden ids. */
    public List<UUID> unmerge(UUID goldenId, UnmergeRequest request, String actor) {
        return tx.execute(status -> unmergeLocked(goldenId, request, actor));
    }

    /** Merges golden customers into the oldest of them, whose id survives. Returns the survivor. */
    public UUID merge(List<UUID> goldenIds, String actor, String reason) {
        return tx.execute(status -> mergeLocked(goldenIds, actor, reason));
    }

    List<UUID> unmergeLocked(UUID goldenId, UnmergeRequest request, String actor) {
        List<LinkedRecord> members = lockMembers(List.of(goldenId));
        requireActive(goldenId);
        Set<EntityRef> split = new HashSet<>(request.records());
        if (split.isEmpty()) {
            throw new IdentityException(Reason.INVALID, "name at least one source record to split off");
        }
        List<LinkedRecord> leaving = members.stream().filter(m -> split.contains(m.ref())).toList();
        if (leaving.size() != split.size()) {
            throw new IdentityException(Reason.INVALID, "not every record named is linked to golden customer " + goldenId);
        }
        if (leaving.size() == members.size()) {
            throw new IdentityException(Reason.CONFLICT, "cannot split every record off golden customer " + goldenId
                    + ": at least one must stay with its id");
        }
        List<LinkedRecord> staying = members.stream().filter(m -> !split.contains(m.ref())).toList();
        for (LinkedRecord out : leaving) {
            staying.forEach(in -> links.addCannotLink(out.ref(), in.ref(), actor, request.reason()));
        }
        Map<UUID, List<String>> moved = new LinkedHashMap<>();
        UUID shared = null;
        for (LinkedRecord out : leaving) {
            UUID target = request.separately() || shared == null ? records.create(out) : shared;
            shared = target;
            moved.computeIfAbsent(target, t -> new ArrayList<>()).add(out.ref().qualifiedKey());
            links.moveLink(out.ref(), target, UNMERGE);
        }
        moved.forEach((target, refs) -> {
            records.refresh(target);
            decisions.record(new Decision(DecisionKind.UNMERGED, goldenId, target, null, UNMERGE, null, actor,
                    Map.of("records", refs, "reason", request.reason() == null ? "" : request.reason())));
        });
        records.refresh(goldenId);
        return List.copyOf(moved.keySet());
    }

    UUID mergeLocked(List<UUID> goldenIds, String actor, String reason) {
        Set<UUID> distinct = new HashSet<>(goldenIds);
        if (distinct.size() < 2) {
            throw new IdentityException(Reason.INVALID, "name at least two different golden customers to merge");
        }
        List<LinkedRecord> members = lockMembers(distinct);
        List<GoldenRow> rows = distinct.stream().map(this::requireActive).toList();
        UUID survivor = rows.stream().min(Comparator.comparing(GoldenRow::createdAt)
                .thenComparing(r -> r.id().toString())).orElseThrow().id();
        links.removeCannotLinks(members.stream().map(LinkedRecord::ref).toList());
        for (LinkedRecord m : members) {
            if (!m.goldenId().equals(survivor)) {
                links.moveLink(m.ref(), survivor, MANUAL_MERGE);
            }
        }
        for (GoldenRow absorbed : rows) {
            if (!absorbed.id().equals(survivor)) {
                goldens.markMerged(absorbed.id(), survivor);
                decisions.record(new Decision(DecisionKind.MERGED, survivor, absorbed.id(), null, MANUAL_MERGE, null,
                        actor, Map.of("reason", reason == null ? "" : reason)));
            }
        }
        records.refresh(survivor);
        return survivor;
    }

    /** Takes the key locks of every member of the golden customers, then their rows; returns the members. */
    List<LinkedRecord> lockMembers(Iterable<UUID> goldenIds) {
        List<LinkedRecord> members = new ArrayList<>();
        goldenIds.forEach(id -> members.addAll(links.members(id)));
        Set<String> keys = new HashSet<>();
        members.forEach(m -> keys.addAll(links.keysOf(m.ref())));
        locks.lockExclusive(keys);
        List<UUID> ids = new ArrayList<>();
        goldenIds.forEach(ids::add);
        goldens.lockAll(ids);
        members.clear();
        ids.forEach(id -> members.addAll(links.members(id))); // as they are now that we hold the locks
        return members;
    }

    private GoldenRow requireActive(UUID id) {
        GoldenRow row = goldens.find(id).orElseThrow(() ->
                new IdentityException(Reason.NOT_FOUND, "no golden customer " + id));
        if ("MERGED".equals(row.status())) {
            throw new IdentityException(Reason.CONFLICT, "golden customer " + id + " was merged into "
                    + row.mergedInto() + "; act on that one");
        }
        return row;
    }
}
