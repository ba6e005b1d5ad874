package io.crmhub.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Where the hub's time goes, from Camel's own JMX statistics (routes and processors, Extended level):
 * exchanges and total/mean processing time. A processor's time includes what it waits for (a Kafka ack,
 * a store commit), which is what shows the bottleneck.
 */
final class CamelStats {

    private CamelStats() {}

    static List<String> describe() {
        List<String> lines = new ArrayList<>();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (String type : List.of("routes", "processors")) {
            try {
                for (ObjectName n : server.queryNames(new ObjectName("org.apache.camel:type=" + type + ",*"), null)) {
                    long done = (Long) server.getAttribute(n, "ExchangesCompleted");
                    if (done == 0) {
                        continue;
                    }
                    String route = String.valueOf(server.getAttribute(n, "RouteId"));
                    String id = type.equals("routes") ? "(route)" : server.getAttribute(n, "ProcessorId")
                            + " " + server.getAttribute(n, "ProcessorName");
                    lines.add(String.format("  %-22s %-36s %,9d exchanges, mean %5d ms, total %,8d ms, failed %d",
                            route, id, done, (Long) server.getAttribute(n, "MeanProcessingTime"),
                            (Long) server.getAttribute(n, "TotalProcessingTime"),
                            (Long) server.getAttribute(n, "ExchangesFailed")));
                }
            } catch (Exception e) {
                lines.add("  (Camel JMX statistics unavailable: " + e + ")");
            }
        }
        lines.sort(null);
        lines.addAll(kafkaClients(server));
        return lines;
    }

    /** How well the hub's Kafka clients batch: records per produce request and per fetch, and request latency. */
    private static List<String> kafkaClients(MBeanServer server) {
        List<String> lines = new ArrayList<>();
        String[][] beans = {
            {"kafka.producer:type=producer-metrics,*", "records-per-request-avg", "request-latency-avg",
                "record-send-total"},
            {"kafka.consumer:type=consumer-fetch-manager-metrics,*", "records-per-request-avg", "fetch-latency-avg",
                "records-consumed-total"}};
        for (String[] b : beans) {
            try {
                for (ObjectName n : server.queryNames(new ObjectName(b[0]), null)) {
                    if (n.getKeyProperty("topic") != null || n.getKeyProperty("partition") != null) {
                        continue;
                    }
                    StringBuilder line = new StringBuilder(String.format("  kafka %-8s %-36s", n.getKeyProperty("type")
                            .startsWith("producer") ? "producer" : "consumer", n.getKeyProperty("client-id")));
                    for (int i = 1; i < b.length; i++) {
                        Object v = server.getAttribute(n, b[i]);
                        line.append(String.format(" %s=%.2f", b[i], ((Number) v).doubleValue()));
                    }
                    lines.add(line.toString());
                }
            } catch (Exception e) {
                lines.add("  (Kafka client metrics unavailable: " + e + ")");
            }
        }
        return lines;
    }
}
