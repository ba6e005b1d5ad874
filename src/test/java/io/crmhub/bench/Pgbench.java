package io.crmhub.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database's own point-select rate: {@code pgbench -S} (primary-key SELECTs on pgbench_accounts) against the
 * hub's embedded PostgreSQL, in a database of its own, with 50 clients, more than the API
 * could ever hold connections, on the same two cores.
 */
record Pgbench(double tps, String command) {

    static Pgbench run(ConfigurableApplicationContext hub, int seconds) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(hub.getBean(DataSource.class));
        String url = jdbc.queryForObject("SELECT 'localhost:' || current_setting('port')", String.class);
        String port = url.substring(url.indexOf(':') + 1);
        jdbc.execute("DROP DATABASE IF EXISTS bench_pgbench");
        jdbc.execute("CREATE DATABASE bench_pgbench");
        List<String> connection = List.of("-h", "localhost", "-p", port, "-U", "postgres");
        PartnerApiBenchmark.say("pgbench -i -s 10 (1,000,000 accounts)");
        Processes.run(concat(List.of("pgbench", "-i", "-q", "-s", "10"), connection, List.of("bench_pgbench")));
        List<String> select = concat(List.of("pgbench", "-S", "-M", "prepared", "-c", "50", "-j", "2", "-T",
                String.valueOf(seconds)), connection, List.of("bench_pgbench"));
        PartnerApiBenchmark.say("measuring: %s", String.join(" ", select));
        String out = Processes.run(select);
        Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + out);
        }
        jdbc.execute("DROP DATABASE bench_pgbench");
        return new Pgbench(Double.parseDouble(m.group(1)), "pgbench -S -M prepared -c 50 -j 2 -T " + seconds);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
