package io.crmhub.connector.oa;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The durable watermarks (table {@code oa_watermark} in the CRM store database). */
@Component("oaWatermarks")
public class OaWatermarkStore {

    private static final String UPSERT = """
            INSERT INTO oa_watermark (entity, modified_at, last_id, pages) VALUES (?, ?, ?, 1)
            ON CONFLICT (entity) DO UPDATE SET modified_at = EXCLUDED.modified_at, last_id = EXCLUDED.last_id,
                pages = oa_watermark.pages + 1, updated_at = clock_timestamp()
            """;

    private final JdbcTemplate jdbc;

    public OaWatermarkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public OaWatermark read(OaEntity entity) {
        List<OaWatermark> rows = jdbc.query("SELECT modified_at, last_id FROM oa_watermark WHERE entity = ?",
                (rs, i) -> new OaWatermark(rs.getTimestamp(1).toInstant(), rs.getString(2)), entity.id());
        return rows.isEmpty() ? OaWatermark.BEGINNING : rows.get(0);
    }

    /** Every entity's watermark time (the gauges of the watermarks' ages). */
    public void forEachModifiedAt(BiConsumer<String, Instant> watermark) {
        jdbc.query("SELECT entity, modified_at FROM oa_watermark",
                rs -> {
                    watermark.accept(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
    }

    public void advance(OaEntity entity, OaWatermark next) {
        jdbc.update(UPSERT, entity.id(), Timestamp.from(next.modifiedAt()), next.id());
    }
}
