package io.crmhub.connector.shop;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code shop_file} table (V4): which file contents were ingested, so a re-drop is not read twice. */
@Component
public class ShopFileLedger {

    private final JdbcTemplate crm;

    public ShopFileLedger(JdbcTemplate crm) {
        this.crm = crm;
    }

    /**
     * Claims a file's content for reading.
     *
     * @return empty when the content is new (or an earlier read did not finish); otherwise the name under
     *         which the same content was already ingested
     */
    public Optional<String> claim(FileFacts facts, String fileName, String kind) {
        List<String> claimed = crm.queryForList("""
                INSERT INTO shop_file (sha256, file_name, kind, size_bytes, encoding, status)
                VALUES (?, ?, ?, ?, ?, 'PROCESSING')
                ON CONFLICT (sha256) DO UPDATE SET file_name = EXCLUDED.file_name, status = 'PROCESSING',
                    received_at = clock_timestamp()
                WHERE shop_file.status <> 'DONE'
                RETURNING sha256""", String.class,
                facts.sha256(), fileName, kind, facts.size(), facts.encodingName());
        if (!claimed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(crm.queryForObject("SELECT file_name FROM shop_file WHERE sha256 = ?",
                String.class, facts.sha256()));
    }

    public void done(String sha256, long accepted, long rejected) {
        crm.update("UPDATE shop_file SET status = 'DONE', rows_accepted = ?, rows_rejected = ?, "
                + "completed_at = clock_timestamp() WHERE sha256 = ?", accepted, rejected, sha256);
    }
}
