package io.crmhub.ops.backfill.shop;

import io.crmhub.connector.shop.ShopConnectorProperties;
import io.crmhub.connector.shop.ShopExport;
import io.crmhub.connector.shop.ShopFileIntake;
import io.crmhub.ops.backfill.BackfillException;
import io.crmhub.ops.backfill.BackfillProperties;
import io.crmhub.ops.backfill.BackfillSource;
import io.crmhub.ops.backfill.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Shop backfill from a folder of historical export files ({@code hub.backfill.folder}), read by name with the live
 * connector's reader and validation; neither the inbox nor its file ledger is touched. Entity {@code orders} reads
 * the {@code *.csv} exports (orders and their lines), {@code customers} the {@code *.jsonl}. Records keep the live
 * sequence (export time and line), so a newer export, historical or live, wins. Range: the export stamp.
 */
@Component
public class ShopBackfillSource implements BackfillSource {

    private final ShopFileIntake intake;
    private final ShopConnectorProperties shop;
    private final BackfillProperties props;

    public ShopBackfillSource(ShopFileIntake intake, ShopConnectorProperties shop, BackfillProperties props) {
        this.intake = intake;
        this.shop = shop;
        this.props = props;
    }

    @Override
    public String system() {
        return "shop";
    }

    @Override
    public SourceSnapshot open(String entity, String from, String to, OptionalLong runSequence) {
        String ext = switch (entity) {
            case "orders" -> ".csv";
            case "customers" -> ".jsonl";
            default -> throw new BackfillException("shop has no entity '" + entity + "'; entities: [orders, customers]");
        };
        Path folder = Path.of(props.folder());
        if (!Files.isDirectory(folder)) {
            throw new BackfillException("shop: hub.backfill.folder " + folder.toAbsolutePath() + " is not a folder");
        }
        Instant start = instant(from, false);
        Instant end = instant(to, true);
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> chosen = files.filter(f -> f.getFileName().toString().endsWith(ext) && Files.isRegularFile(f))
                    .filter(f -> inRange(f, start, end)).sorted().toList();
            return new ShopSnapshot(intake, chosen, entity, folder.resolve("rejects"), from == null && to == null);
        } catch (IOException e) {
            throw new BackfillException("shop: cannot list " + folder.toAbsolutePath(), e);
        }
    }

    private boolean inRange(Path file, Instant start, Instant end) {
        try {
            Instant at = ShopExport.of(file.getFileName().toString(), Files.getLastModifiedTime(file), shop.zone())
                    .exportedAt();
            return (start == null || !at.isBefore(start)) && (end == null || at.isBefore(end));
        } catch (IOException e) {
            throw new BackfillException("shop: cannot read " + file.getFileName(), e);
        }
    }

    /** A date covers its whole day (in the shop zone); an instant is exact. {@code end} is exclusive. */
    private Instant instant(String text, boolean end) {
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(shop.zone()).toInstant();
            }
            Instant at = Instant.parse(text);
            return end ? at.plusNanos(1) : at;
        } catch (java.time.DateTimeException e) {
            throw new BackfillException("shop: from/to must be a date (2024-06-01) or an instant"
                    + " (2024-06-01T08:00:00Z), not '" + text + "'");
        }
    }
}
