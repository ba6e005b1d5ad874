package io.crmhub.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a benchmark's measured phase really used, from the collector's own notifications: the most in use at once
 * (just before a collection, where use peaks; never above {@code -Xmx}) and the most still in use just after one (an
 * upper bound of what the run kept alive). The sum of the memory pools' peaks, used before, adds eden's, survivor's
 * and the old generation's maxima reached at different moments: it read 1,444 MB for a run at {@code -Xmx1g}.
 */
final class HeapPeak implements NotificationListener, AutoCloseable {

    private final AtomicLong before = new AtomicLong();
    private final AtomicLong after = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    /** The heap's pools as the JVM types them (G1: eden, survivor, old generation; not code cache or metaspace). */
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

    HeapPeak() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
        before.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        before.accumulateAndGet(used(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        after.accumulateAndGet(used(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
    }

    private long used(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    /** The most heap in use at once so far, in MiB (the current use counts too). */
    long peakMb() {
        return Math.max(before.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()) >> 20;
    }

    /** The most heap still in use right after a collection so far, in MiB. */
    long afterGcMb() {
        return after.get() >> 20;
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException e) {
                // already gone: nothing to undo
            }
        }
    }
}
