package io.crmhub.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the CPU went between two snapshots: this JVM's threads grouped by name (digits removed), the
 * embedded PostgreSQL processes this JVM started, and the whole machine (/proc/stat), which shows how much
 * of the two shared cores other work took. Linux only; elsewhere it reports what it can.
 */
final class CpuProfile {

    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> threadNanos;
    private final long postgresTicks;
    private final long[] machine;
    /** This JVM's whole process, its threads the JVM does not list (garbage collection, JIT compilers) included. */
    private final long processTicks = processTicks(ProcessHandle.current().pid());
    /** CPU ticks of the JVM's own threads by kind: JIT compilers and garbage collection (from /proc/self/task). */
    private final Map<String, Long> vmTicks = vmThreadTicks();
    /**
     * The JVM's own count of time spent compiling, ms: unlike the compiler threads' ticks it keeps what threads that
     * ended spent (the JVM starts and stops compiler threads as the queue grows and shrinks).
     */
    private final long compileMillis = compileMillis();
    private final long wallNanos = System.nanoTime();

    private CpuProfile(Map<String, Long> threadNanos, long postgresTicks, long[] machine) {
        this.threadNanos = threadNanos;
        this.postgresTicks = postgresTicks;
        this.machine = machine;
    }

    static CpuProfile snapshot(int postgresPort) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new HashMap<>();
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            long cpu = info == null ? -1 : mx.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                byGroup.merge(info.getThreadName().replaceAll("\\d+", "#"), cpu, Long::sum);
            }
        }
        return new CpuProfile(byGroup, postgresTicks(postgresPort), machineTicks());
    }

    double wallSeconds(CpuProfile before) {
        return (wallNanos - before.wallNanos) / 1e9;
    }

    /** CPU seconds of this JVM's threads since {@code before}. */
    double jvmSeconds(CpuProfile before) {
        long sum = 0;
        for (var e : threadNanos.entrySet()) {
            sum += e.getValue() - before.threadNanos.getOrDefault(e.getKey(), 0L);
        }
        return sum / 1e9;
    }

    /** CPU seconds of the embedded PostgreSQL since {@code before}. */
    double postgresSeconds(CpuProfile before) {
        return (postgresTicks - before.postgresTicks) / TICKS_PER_SECOND;
    }

    /** CPU seconds the whole machine was busy since {@code before}, every process on it. */
    double machineBusySeconds(CpuProfile before) {
        return (machine[0] - before.machine[0]) / TICKS_PER_SECOND;
    }

    /** Lines describing CPU seconds spent since {@code before}. */
    List<String> since(CpuProfile before) {
        double wall = (wallNanos - before.wallNanos) / 1e9;
        List<String> out = new ArrayList<>();
        Map<String, Long> delta = new HashMap<>();
        threadNanos.forEach((k, v) -> delta.put(k, v - before.threadNanos.getOrDefault(k, 0L)));
        double jvm = delta.values().stream().mapToLong(Long::longValue).sum() / 1e9;
        double pg = (postgresTicks - before.postgresTicks) / TICKS_PER_SECOND;
        long busy = (machine[0] - before.machine[0]);
        long total = (machine[1] - before.machine[1]);
        double process = (processTicks - before.processTicks) / TICKS_PER_SECOND;
        out.add(String.format("  wall %.1f s; CPU s: hub JVM %.1f (%.1f in its listed threads, the rest garbage collection,"
                + " JIT and threads that ended), embedded PostgreSQL %.1f; machine busy %.0f %% of %d cores (%.1f CPU s,"
                + " so %.1f CPU s by other processes and the kernel)", wall, process, jvm, pg,
                total > 0 ? 100.0 * busy / total : Double.NaN, Runtime.getRuntime().availableProcessors(),
                busy / TICKS_PER_SECOND, busy / TICKS_PER_SECOND - process - pg));
        StringBuilder vm = new StringBuilder("  of the hub JVM's own threads:");
        vmTicks.forEach((kind, ticks) -> {
            long spent = ticks - before.vmTicks.getOrDefault(kind, 0L);
            // threads that ended took their ticks with them: less than before means the figure says nothing
            vm.append(spent < 0 ? String.format(" %s ? (threads ended),", kind)
                    : String.format(" %s %.1f CPU s,", kind, spent / TICKS_PER_SECOND));
        });
        out.add(vm.substring(0, vm.length() - 1) + String.format("; time compiling %.1f s (the JVM's count)",
                (compileMillis - before.compileMillis) / 1e3));
        delta.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> out.add(String.format("  %6.1f CPU s  %s", e.getValue() / 1e9, e.getKey())));
        return out;
    }

    /**
     * utime + stime (+ reaped children) of the embedded postmaster listening on {@code port} and its backends.
     * pg_ctl daemonises the server, so it is found by its command line, not as a child of this JVM; other
     * engineers' embedded servers on this machine listen on other ports and are not counted.
     */
    private static long postgresTicks(int port) {
        long sum = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            List<Long> pids = procs.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .map(Long::parseLong).toList();
            for (long pid : pids) {
                String cmd = cmdline(pid);
                if (cmd.contains("postgres") && cmd.matches(".*(-p |port=)" + port + "( .*|$)")) {
                    sum += processTicks(pid);
                    for (long child : pids) {
                        if (parent(child) == pid) {
                            sum += processTicks(child);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return sum;
    }

    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long parent(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long processTicks(long pid) {
        return statTicks(Path.of("/proc/" + pid + "/stat"));
    }

    /** utime + stime + cutime + cstime of a /proc stat file (a process's, or a thread's under task/). */
    private static long statTicks(Path file) {
        try {
            String stat = Files.readString(file);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the command: state(0) ... utime(11) stime(12) cutime(13) cstime(14)
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long compileMillis() {
        var compilation = ManagementFactory.getCompilationMXBean();
        return compilation != null && compilation.isCompilationTimeMonitoringSupported()
                ? compilation.getTotalCompilationTime() : 0;
    }

    /** JIT compiler and garbage collector threads of this JVM, by the name the JVM gives them (Linux). */
    private static Map<String, Long> vmThreadTicks() {
        Map<String, Long> ticks = new TreeMap<>(Map.of("JIT compilers", 0L, "garbage collection", 0L));
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                String kind = vmThreadKind(threadName(task));
                if (kind != null) {
                    ticks.merge(kind, statTicks(task.resolve("stat")), Long::sum); // 0 if it ended meanwhile
                }
            });
        } catch (IOException | RuntimeException e) {
            // not Linux: the counts stay at 0
        }
        return ticks;
    }

    private static String vmThreadKind(String name) {
        return name.contains("CompilerThre") ? "JIT compilers"
                : name.startsWith("GC Thread") || name.startsWith("G1 ") ? "garbage collection" : null;
    }

    private static String threadName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (IOException | RuntimeException e) {
            return ""; // the thread ended meanwhile
        }
    }

    /** {busy, total} jiffies of the whole machine. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
