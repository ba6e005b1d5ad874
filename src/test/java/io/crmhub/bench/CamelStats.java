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
        return lines;
    }
}
