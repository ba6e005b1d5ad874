package io.crmhub.ops.backfill;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code backfill_run} and {@code backfill_checkpoint} tables: runs, their resume points and reports. */
@Component
public class BackfillRuns {

    private static final String SAME_RUN = "source_system = :system AND source_entity = :entity"
            + " AND range_from IS NOT DISTINCT FROM :from AND range_to IS NOT DISTINCT FROM :to"
            + " AND source_file IS NOT DISTINCT FROM :file";
    private static final String COLUMNS = "id, source_system, source_entity, range_from, range_to, sequence, position,"
            + " cursor, pages, attempts, applied, stale, duplicate, dead_lettered, rejected, fingerprint";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public BackfillRuns(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The latest unfinished run of this source entity and range (interrupted, killed or failed). */
    public Optional<BackfillRun> findUnfinished(BackfillRequest r) {
        List<BackfillRun> runs = jdbc.query("SELECT " + COLUMNS + " FROM backfill_run WHERE " + SAME_RUN
                + " AND status IN ('RUNNING', 'FAILED') ORDER BY id DESC LIMIT 1", same(r), BackfillRuns::run);
        return runs.stream().findFirst();
    }

    public void abandonUnfinished(BackfillRequest r) {
        jdbc.update("UPDATE backfill_run SET status = 'ABANDONED', updated_at = clock_timestamp() WHERE " + SAME_RUN
                + " AND status IN ('RUNNING', 'FAILED')", same(r));
    }

    public BackfillRun create(BackfillRequest r, long sequence, String position, String fingerprint) {
        Long id = jdbc.queryForObject("INSERT INTO backfill_run (source_system, source_entity, range_from, range_to,"
                + " source_file, sequence, position, fingerprint) VALUES (:system, :entity, :from, :to, :file,"
                + " :sequence, :position, :fingerprint) RETURNING id",
                same(r).addValue("sequence", sequence).addValue("position", position == null ? "" : position)
                        .addValue("fingerprint", fingerprint), Long.class);
        return get(id);
    }

    public BackfillRun resume(long id) {
        jdbc.update("UPDATE backfill_run SET status = 'RUNNING', attempts = attempts + 1,"
                + " updated_at = clock_timestamp() WHERE id = :id", new MapSqlParameterSource("id", id));
        return get(id);
    }

    /** The page's records are applied: move the resume point past them, with the counts, in one transaction. */
    public void checkpoint(BackfillRun run, long total, int records) {
        BackfillCounts c = run.counts();
        MapSqlParameterSource p = new MapSqlParameterSource("id", run.id()).addValue("cursor", run.cursor())
                .addValue("pages", run.pages()).addValue("total", total).addValue("records", records)
                .addValue("processed", c.processed()).addValue("applied", c.applied()).addValue("stale", c.stale())
                .addValue("duplicate", c.duplicate()).addValue("deadLettered", c.deadLettered())
                .addValue("rejected", c.rejected());
        tx.executeWithoutResult(status -> {
            jdbc.update("UPDATE backfill_run SET cursor = :cursor, pages = :pages, total = :total,"
                    + " processed = :processed, applied = :applied, stale = :stale, duplicate = :duplicate,"
                    + " dead_lettered = :deadLettered, rejected = :rejected, updated_at = clock_timestamp() WHERE id = :id", p);
            jdbc.update("INSERT INTO backfill_checkpoint (run_id, page, cursor, records)"
                    + " VALUES (:id, :pages, :cursor, :records)", p);
        });
    }

    public void finish(long id, String status, String reportJson) {
        jdbc.update("UPDATE backfill_run SET status = :status, report = CAST(:report AS jsonb),"
                + " finished_at = clock_timestamp(), updated_at = clock_timestamp() WHERE id = :id",
                new MapSqlParameterSource("id", id).addValue("status", status).addValue("report", reportJson));
    }

    public void failed(long id) {
        jdbc.update("UPDATE backfill_run SET status = 'FAILED', updated_at = clock_timestamp() WHERE id = :id",
                new MapSqlParameterSource("id", id));
    }

    public BackfillRun get(long id) {
        return jdbc.queryForObject("SELECT " + COLUMNS + " FROM backfill_run WHERE id = :id",
                new MapSqlParameterSource("id", id), BackfillRuns::run);
    }

    private static MapSqlParameterSource same(BackfillRequest r) {
        return new MapSqlParameterSource("system", r.system()).addValue("entity", r.entity())
                .addValue("from", r.from()).addValue("to", r.to()).addValue("file", r.file());
    }

    private static BackfillRun run(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new BackfillRun(rs.getLong("id"), rs.getString("source_system"), rs.getString("source_entity"),
                rs.getString("range_from"), rs.getString("range_to"), rs.getLong("sequence"),
                rs.getString("position").isEmpty() ? null : rs.getString("position"), rs.getString("cursor"),
                rs.getInt("pages"), rs.getInt("attempts"), new BackfillCounts(rs.getLong("applied"),
                rs.getLong("stale"), rs.getLong("duplicate"), rs.getLong("dead_lettered"), rs.getLong("rejected")),
                rs.getString("fingerprint"));
    }
}
