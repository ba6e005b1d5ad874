package io.crmhub.identity.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.canonical.IdentityDocuments;
import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.it.ErpDatabase;
import io.crmhub.it.HubIntegrationTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The resident-id guard on the live path (ERP commit → Debezium → Kafka → store → identity in the apply transaction):
 * two ERP customers alike in everything a matcher reads — name, mobile, e-mail, birth date, address — but with two
 * different valid China resident ids are two people (twins registered by one parent, say) and get two golden
 * customers; the same valid id typed another way joins its person; and a record without an id that matches both
 * cannot chain them into one golden customer. Asserted on {@code identity_link} and {@code golden_customer} rows.
 */
@HubIntegrationTest
class ResidentIdGuardIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    ErpConnectorProperties erpProps;
    @Autowired
    JdbcTemplate crm;

    ErpDatabase erp;

    @BeforeEach
    void connect() {
        erp = new ErpDatabase(erpProps);
        await().atMost(TIMEOUT).until(erp::isStreaming);
    }

    @AfterEach
    void disconnect() {
        erp.close();
    }

    @Test
    void twoValidResidentIdsAreTwoGoldenCustomersOneAtATimeAndAChainCannotJoinThem() {
        Person twins = new Person();
        String first = residentId("19900307", 11);
        String second = residentId("19900307", 23);

        String a = insert(twins.row(first));
        UUID goldenA = awaitGolden(a);
        String b = insert(twins.row(second));
        UUID goldenB = awaitGolden(b);
        assertThat(goldenB).as("a different valid resident id is another person").isNotEqualTo(goldenA);

        // the first person again, the id typed with spaces and a full-width digit
        String c = insert(twins.row(first.substring(0, 6) + " " + first.substring(6, 14) + " "
                + first.substring(14, 17).replace('0', '０') + first.charAt(17)));
        assertThat(awaitGolden(c)).as("the same valid resident id is the same person").isEqualTo(goldenA);

        // no id at all: matches both (same e-mail, mobile and name), may join one of them, never both
        String d = insert(twins.row(null));
        UUID goldenD = awaitGolden(d);
        assertThat(goldenD).isIn(goldenA, goldenB);
        assertThat(activeGolden(goldenA)).isTrue();
        assertThat(activeGolden(goldenB)).isTrue();
        assertThat(goldenOf(a)).isEqualTo(goldenA);
        assertThat(goldenOf(b)).isEqualTo(goldenB);
        assertThat(goldenOf(c)).isEqualTo(goldenA);
        assertThat(residentIdsOf(goldenA)).containsExactly(first);
        assertThat(residentIdsOf(goldenB)).containsExactly(second);
        assertThat(crm.queryForObject("SELECT count(*) FROM identity_decision WHERE source_system = 'erp' "
                + "AND source_entity = 'customers' AND source_key = ? AND kind = 'REVIEW_OPENED' "
                + "AND rule = 'cannot-link:different-resident-ids'", Integer.class, d))
                .as("the refused join is left to a person").isEqualTo(1);
    }

    @Test
    void twoValidResidentIdsInOneCommitAreTwoGoldenCustomers() {
        Person twins = new Person();
        String first = residentId("19851102", 37);
        String second = residentId("19851102", 41);

        // one ERP transaction: the three changes reach the store in one poll, so one batch resolves them together
        List<String> keys = erp.jdbc().queryForList("INSERT INTO customers (customer_no, kind, name, mobile, email, "
                + "province, city, address, birth_date, id_type, id_no, status) VALUES "
                + "(?, 'P', ?, ?, ?, '北京', '北京', ?, ?, 'RID', ?, 'PROSPECT'), "
                + "(?, 'P', ?, ?, ?, '北京', '北京', ?, ?, 'RID', ?, 'PROSPECT'), "
                + "(?, 'P', ?, ?, ?, '北京', '北京', ?, ?, 'RID', ?, 'PROSPECT') RETURNING id", Long.class,
                Stream.of(twins.values(first, 1), twins.values(second, 2), twins.values(first, 3))
                        .flatMap(Arrays::stream).toArray()).stream()
                .map(String::valueOf).toList();

        UUID one = awaitGolden(keys.get(0));
        UUID two = awaitGolden(keys.get(1));
        UUID three = awaitGolden(keys.get(2));
        assertThat(two).isNotEqualTo(one);
        assertThat(three).isEqualTo(one);
        assertThat(activeGolden(one)).isTrue();
        assertThat(activeGolden(two)).isTrue();
        assertThat(residentIdsOf(one)).containsExactly(first);
        assertThat(residentIdsOf(two)).containsExactly(second);
    }

    /** Everything a matcher compares, alike for every record of the test; unique per test so the simulator's data and
     *  the other test cannot interfere. */
    private static final class Person {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final String name = "诸葛" + "明月星辰".charAt(ThreadLocalRandom.current().nextInt(4)) + "彤";
        final String mobile = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        final String email = "twins." + suffix + "@example.cn";
        final String street = "朝阳区建国路" + ThreadLocalRandom.current().nextInt(1, 999) + "号";

        Map<String, Object> row(String residentId) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("customer_no", "P-" + UUID.randomUUID().toString().substring(0, 12));
            row.put("kind", "P");
            row.put("name", name);
            row.put("mobile", mobile);
            row.put("email", email);
            row.put("province", "北京");
            row.put("city", "北京");
            row.put("address", street);
            row.put("status", "PROSPECT");
            if (residentId != null) {
                row.put("birth_date", birthDate(residentId));
                row.put("id_type", "RID");
                row.put("id_no", residentId);
            }
            return row;
        }

        /** customer_no, name, mobile, email, address, birth_date, id_no of one row of a multi-row insert */
        Object[] values(String residentId, int n) {
            return new Object[] {"P-" + suffix + "-" + n, name, mobile, email, street, birthDate(residentId),
                    residentId};
        }

        private static String birthDate(String residentId) {
            String digits = IdentityDocuments.clean(residentId);
            return digits.substring(6, 10) + "/" + digits.substring(10, 12) + "/" + digits.substring(12, 14);
        }
    }

    private String insert(Map<String, Object> row) {
        return String.valueOf(erp.insert("customers", row));
    }

    /** A valid resident id (Beijing Chaoyang, the birth date given, GB 11643 check character). */
    private static String residentId(String yyyymmdd, int serial) {
        String first17 = "110105" + yyyymmdd + String.format("%03d", serial);
        return first17 + IdentityDocuments.checkCharacter(first17);
    }

    private UUID awaitGolden(String key) {
        await().atMost(TIMEOUT).until(() -> goldenOf(key) != null);
        return goldenOf(key);
    }

    private UUID goldenOf(String key) {
        List<UUID> ids = crm.queryForList("SELECT golden_id FROM identity_link WHERE source_system = 'erp' "
                + "AND source_entity = 'customers' AND source_key = ?", UUID.class, key);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private boolean activeGolden(UUID id) {
        return "ACTIVE".equals(crm.queryForObject("SELECT status FROM golden_customer WHERE golden_id = ?",
                String.class, id));
    }

    /** The resident ids the golden record and its linked source records carry. */
    private List<String> residentIdsOf(UUID golden) {
        return crm.queryForList("SELECT DISTINCT d->>'number' FROM ("
                + "SELECT jsonb_array_elements(record->'documents') d FROM golden_customer WHERE golden_id = ? "
                + "UNION ALL SELECT jsonb_array_elements(r.payload->'documents') FROM identity_link l "
                + "JOIN customer_record r USING (source_system, source_entity, source_key) WHERE l.golden_id = ?) x "
                + "WHERE d->>'type' = 'CN_RESIDENT_ID'", String.class, golden, golden);
    }
}
