package io.crmhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.it.HubIntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every index on a table the store writes for each change (records, change log, identity, KPI facts) costs an entry
 * for every row, on the path whose speed issue 11 measures; it earns that only if the hub reads through it. This is
 * the register of those indexes and their readers, checked against the migrated schema: a new index on one of these
 * tables fails here until its reader is named (or it is dropped), and a dropped one until it leaves the register.
 * Primary keys are not listed: every upsert and version check reads them.
 */
@HubIntegrationTest
class WrittenIndexesIT {

    /** Tables that take rows on every store batch of their entity. */
    private static final String[] WRITTEN = {"customer_record", "order_record", "order_line_record", "payment_record",
        "interaction_record", "shipment_record", "change_log", "identity_link", "identity_key", "identity_key_count",
        "identity_decision", "identity_decision_pending", "golden_customer", "kpi_fact", "kpi_lifecycle"};

    /** Index → who reads through it. */
    private static final Map<String, String> READERS = new LinkedHashMap<>();

    static {
        READERS.put("golden_customer_emails_idx", "partner search by e-mail (CustomerSearch)");
        READERS.put("golden_customer_merged_into_idx", "re-pointing absorbed customers on a merge (GoldenRepository)");
        READERS.put("golden_customer_name_trgm_idx", "partner search by name (CustomerSearch)");
        READERS.put("golden_customer_phones_idx", "partner search by phone (CustomerSearch)");
        READERS.put("golden_customer_size_idx", "the largest cluster gauge (GoldenRepository.largestCluster)");
        READERS.put("golden_customer_tax_id_idx", "partner search by tax id (CustomerSearch)");
        READERS.put("identity_decision_golden_idx", "a golden customer's decision history (IdentityQueries)");
        READERS.put("identity_decision_other_golden_idx", "the same history, the other side of a merge");
        READERS.put("identity_key_record_idx", "a record's keys before it is re-keyed (IdentityBatchRepository.keysOf)");
        READERS.put("identity_link_golden_idx", "a golden customer's members (IdentityBatchRepository.members)");
        READERS.put("interaction_record_customer_idx", "a customer's interactions (interaction_golden, CustomerActivity)");
        READERS.put("order_record_customer_idx", "a customer's orders (order_golden, CustomerActivity)");
        READERS.put("payment_record_customer_idx", "a customer's payments (payment_golden, CustomerActivity)");
        READERS.put("kpi_fact_complaint_idx", "a customer's complaints in a restatement (V13)");
        READERS.put("kpi_fact_customer_idx", "a customer's facts by day in a restatement (V13, V32)");
        READERS.put("kpi_fact_order_idx", "an order's lines when its days are restated (V13, kpi_golden_days_of)");
        READERS.put("kpi_lifecycle_record_idx", "a record's last lifecycle status (KpiFactListener), lead dates (V15)");
    }

    @Autowired
    JdbcTemplate crm;

    @Test
    void everyIndexOnATableEveryChangeWritesHasAReader() {
        TreeSet<String> present = new TreeSet<>(crm.queryForList("""
                SELECT c.relname FROM pg_index x
                JOIN pg_class c ON c.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema() AND NOT x.indisprimary AND t.relname = ANY(?)
                """, String.class, (Object) WRITTEN));

        assertThat(present)
                .as("indexes on tables every change writes (each row pays an entry in each): name the query that "
                        + "reads through a new one in WrittenIndexesIT.READERS, or drop it; a dropped one leaves it")
                .containsExactlyInAnyOrderElementsOf(READERS.keySet());
    }
}
