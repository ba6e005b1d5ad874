package io.crmhub.identity.eval;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A throwaway embedded PostgreSQL with the CRM store schema (Flyway, the same migrations as the hub), for the
 * store stage of the evaluation. Same server settings as the embedded default: no fsync, as a demo machine.
 */
final class EvalDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    EvalDatabase() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_wal_size", "2GB")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        Flyway.configure().dataSource(dataSource()).locations("classpath:db/migration").load().migrate();
    }

    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
