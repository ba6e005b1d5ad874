package io.crmhub.it;

import io.crmhub.connector.oa.OaEntity;
import io.crmhub.connector.oa.wsdl.ChangeItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/** Shared by the OA tests: a free port, and the OA's records compared with the CRM store. */
public final class OaSimulatorSupport {

    public static final String USER = "crm-hub-test";
    public static final String PASSWORD = "oa-test-secret";

    private OaSimulatorSupport() {}

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OA id → latest version, as the simulated OA holds them. */
    public static Map<String, Long> inOa(io.crmhub.simulator.oa.OaData data, OaEntity entity) {
        return data.all(entity).stream().collect(Collectors.toMap(ChangeItem::getId, ChangeItem::getVersion,
                (a, b) -> a, TreeMap::new));
    }

    /** source key → applied sequence, as the CRM store holds them. */
    public static Map<String, Long> inStore(JdbcTemplate crm, OaEntity entity) {
        String table = entity == OaEntity.CONTACTS ? "customer_record" : "interaction_record";
        Map<String, Long> result = new TreeMap<>();
        crm.query("SELECT source_key, source_sequence FROM " + table + " WHERE source_system = 'oa' "
                + "AND source_entity = ?", rs -> {
                    result.put(rs.getString(1), rs.getLong(2));
                }, entity.id());
        return result;
    }

    public static boolean inSync(io.crmhub.simulator.oa.OaData data, JdbcTemplate crm) {
        for (OaEntity entity : OaEntity.values()) {
            if (!inOa(data, entity).equals(inStore(crm, entity))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Removes what an OA test left in the shared store (one embedded PostgreSQL per test JVM), so the next
     * OA test compares the store with its own simulated OA only. Call with the poll route stopped.
     */
    public static void forgetOa(JdbcTemplate crm, io.crmhub.config.HubKafkaProperties kafka) {
        // events already on the canonical topics would otherwise be applied after the delete
        TopicReader.awaitGroupCaughtUp(kafka.brokers(), kafka.storeGroup(), kafka.topics().canonical(),
                java.time.Duration.ofSeconds(60));
        crm.update("DELETE FROM identity_key WHERE source_system = 'oa'");
        crm.update("DELETE FROM identity_review WHERE left_system = 'oa' OR right_system = 'oa'");
        crm.update("DELETE FROM identity_constraint WHERE left_system = 'oa' OR right_system = 'oa'");
        crm.update("DELETE FROM identity_link WHERE source_system = 'oa'");
        crm.update("DELETE FROM customer_record WHERE source_system = 'oa'");
        crm.update("DELETE FROM interaction_record WHERE source_system = 'oa'");
        crm.update("DELETE FROM change_log WHERE source_system = 'oa'");
        crm.update("DELETE FROM dead_letter WHERE source_system = 'oa'");
        crm.update("DELETE FROM oa_watermark");
    }

    /** Changes applied twice would show as more change_log rows than distinct (record, sequence) pairs. */
    public static long duplicateChanges(JdbcTemplate crm) {
        return crm.queryForObject("SELECT count(*) - count(DISTINCT (source_entity, source_key, source_sequence)) "
                + "FROM change_log WHERE source_system = 'oa'", Long.class);
    }
}
