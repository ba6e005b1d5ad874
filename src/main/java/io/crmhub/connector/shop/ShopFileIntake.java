package io.crmhub.connector.shop;

import io.crmhub.mapping.MappingEngine;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code shop-files-ingest} route around one file: open it (hash, dedupe, encoding, header)
 * into a lazy stream of changes (published in chunks by canonical-publish, which names each change's source for
 * the dead letter), and record the outcome. Logs name files,
 * hashes and counts only; rows may hold personal data.
 */
@Component("shopFiles")
public class ShopFileIntake {

    static final String CHANGES = "shopFileChanges";
    static final String FACTS = "shopFileFacts";
    private static final Logger LOG = LoggerFactory.getLogger(ShopFileIntake.class);

    private final ShopConnectorProperties props;
    private final ShopFileLedger ledger;
    private final MappingEngine mappings;

    public ShopFileIntake(ShopConnectorProperties props, ShopFileLedger ledger, MappingEngine mappings) {
        this.props = props;
        this.ledger = ledger;
        this.mappings = mappings;
    }

    /**
     * Replaces the file body with an iterator of its valid changes, already mapped to canonical events by the
     * validation (empty for a file already ingested).
     */
    public void open(Exchange exchange) throws IOException {
        Path file = exchange.getMessage().getBody(File.class).toPath();
        String name = file.getFileName().toString();
        String kind = kindOf(name);
        FileFacts facts = EncodingDetector.detect(file);
        if (facts.size() == facts.bomLength()) {
            throw new UnreadableShopFileException("empty file: no " + (kind.equals("orders") ? "header row" : "lines"));
        }
        Optional<String> earlier = ledger.claim(facts, name, kind);
        if (earlier.isPresent()) {
            Files.writeString(doneDir().resolve(name + ".duplicate.txt"), "same content (sha256 " + facts.sha256()
                    + ") as " + earlier.get() + ", already ingested: nothing read\n");
            LOG.info("Shop file {} (sha256 {}) was already ingested as {}: skipped", name, facts.sha256(), earlier.get());
            exchange.getMessage().setBody(Collections.emptyIterator());
            return;
        }
        ShopFileChanges changes = open(file, name, kind, facts);
        exchange.setProperty(CHANGES, changes);
        exchange.setProperty(FACTS, facts);
        exchange.getMessage().setBody(changes.events());
        LOG.info("Reading shop {} file {} ({} bytes, {}, sha256 {})", kind, name, facts.size(),
                facts.encodingName(), facts.sha256());
    }

    /** The changes of one file, without ledger or route: used by {@link #open(Exchange)} and the benchmark. */
    public ShopFileChanges open(Path file, String name, String kind, FileFacts facts) throws IOException {
        return open(file, name, kind, facts, doneDir());
    }

    /** The same, with the rejects file written to {@code rejectsDir} (the backfill keeps them by its own files). */
    public ShopFileChanges open(Path file, String name, String kind, FileFacts facts, Path rejectsDir)
            throws IOException {
        ShopExport export = ShopExport.of(name, Files.getLastModifiedTime(file), props.zone());
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(facts.bomLength());
        // undecodable bytes become U+FFFD, which rejects just that line instead of failing the whole file
        LineReader reader = new LineReader(new InputStreamReader(in, facts.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                props.maxLineLength());
        try {
            RowSource rows = kind.equals("orders") ? OrderRows.open(export, reader.next()) : new CustomerRows(export);
            RejectsWriter rejects = new RejectsWriter(rejectsDir.resolve(name + RejectsWriter.SUFFIX));
            return new ShopFileChanges(reader, rows, mappings, rejects, facts.charset().name());
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** After the last change was handed on: the content counts as ingested. */
    public void finish(Exchange exchange) throws IOException {
        ShopFileChanges changes = exchange.getProperty(CHANGES, ShopFileChanges.class);
        if (changes == null) {
            return;
        }
        changes.close();
        FileFacts facts = exchange.getProperty(FACTS, FileFacts.class);
        ledger.done(facts.sha256(), changes.acceptedRows(), changes.rejectedRows());
        LOG.info("Shop file sha256 {} done: {} rows accepted, {} rejected", facts.sha256(),
                changes.acceptedRows(), changes.rejectedRows());
    }

    static String kindOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return "orders";
        }
        if (lower.endsWith(".jsonl")) {
            return "customers";
        }
        throw new UnreadableShopFileException("unknown file kind: expected .csv (orders) or .jsonl (customers)");
    }

    Path doneDir() throws IOException {
        return Files.createDirectories(Path.of(props.inbox(), "done"));
    }
}
