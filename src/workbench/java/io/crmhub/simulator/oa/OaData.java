package io.crmhub.simulator.oa;

import io.crmhub.connector.oa.OaEntity;
import io.crmhub.connector.oa.OaWatermark;
import io.crmhub.connector.oa.wsdl.ChangeItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The OA's records, in memory, indexed the way its change feed reads them: by (modifiedAt, id).
 * Every change is stamped under one lock with a time never earlier than any watermark already handed
 * out, which is the guarantee the feed's contract asks of a real OA.
 */
public final class OaData {

    /** One page of changes after a watermark. */
    public record Page(List<ChangeItem> items, OaWatermark next, boolean hasMore) {}

    private static final Comparator<OaWatermark> ORDER =
            Comparator.comparing(OaWatermark::modifiedAt).thenComparing(OaWatermark::id);

    private final Map<OaEntity, TreeMap<OaWatermark, ChangeItem>> feeds = new EnumMap<>(OaEntity.class);
    private final Map<OaEntity, Map<String, ChangeItem>> current = new EnumMap<>(OaEntity.class);
    private Instant lastStamp = Instant.EPOCH;
    private Instant lastServed = Instant.EPOCH;

    public OaData() {
        for (OaEntity e : OaEntity.values()) {
            feeds.put(e, new TreeMap<>(ORDER));
            current.put(e, new HashMap<>());
        }
    }

    /** Adds a record (version 1) or records a change of it (version + 1), stamped now. */
    public synchronized <T extends ChangeItem> T save(OaEntity entity, T item, Consumer<T> change) {
        T saved = item;
        ChangeItem previous = current.get(entity).get(item.getId());
        if (previous != null) {
            feeds.get(entity).remove(key(previous));
        }
        change.accept(saved);
        saved.setVersion(previous == null ? 1 : previous.getVersion() + 1);
        saved.setModifiedAt(OaXml.calendar(stamp()));
        current.get(entity).put(saved.getId(), saved);
        feeds.get(entity).put(key(saved), saved);
        return saved;
    }

    public synchronized Page changesAfter(OaEntity entity, OaWatermark since, int pageSize) {
        List<ChangeItem> items = new ArrayList<>(feeds.get(entity).tailMap(since, false).values()
                .stream().limit(pageSize).toList());
        OaWatermark next = items.isEmpty() ? since : key(items.get(items.size() - 1));
        boolean hasMore = feeds.get(entity).higherKey(next) != null;
        if (next.modifiedAt().isAfter(lastServed)) {
            lastServed = next.modifiedAt();
        }
        return new Page(items, next, hasMore);
    }

    public synchronized ChangeItem get(OaEntity entity, String id) {
        return current.get(entity).get(id);
    }

    /** Current records of an entity (latest version of each), e.g. for a test's expected set. */
    public synchronized List<ChangeItem> all(OaEntity entity) {
        return List.copyOf(current.get(entity).values());
    }

    public synchronized int count(OaEntity entity) {
        return current.get(entity).size();
    }

    /**
     * Equal stamps are allowed (a batch saved in one millisecond), but never at or before a watermark
     * already served: a reader past it would otherwise skip the change.
     */
    private Instant stamp() {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        Instant s = now.isAfter(lastStamp) ? now : lastStamp;
        if (!s.isAfter(lastServed)) {
            s = lastServed.plusMillis(1);
        }
        lastStamp = s;
        return s;
    }

    private static OaWatermark key(ChangeItem item) {
        return new OaWatermark(item.getModifiedAt().toGregorianCalendar().toInstant(), item.getId());
    }
}
