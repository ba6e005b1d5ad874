package io.crmhub.connector.shop;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One export file as a source of changes: its name (for positions) and when the shop exported it (for
 * sequences). A later export of the same order must win in the store, so the sequence of a row is
 * {@code export epoch second × 10^9 + line number}: later exports are higher, and within one file later
 * lines are higher. 10^9 lines per file is far beyond any export; the product stays below
 * {@link Long#MAX_VALUE} until the year 2262.
 *
 * @param fileName   the file's name as dropped
 * @param exportedAt from a {@code yyyyMMdd[T_-]HHmmss} stamp in the name (read in the connector's zone), else
 *                   the file's last-modified time
 */
public record ShopExport(String fileName, Instant exportedAt) {

    public static final long LINES_PER_SECOND = 1_000_000_000L;
    private static final Pattern STAMP = Pattern.compile("(?<!\\d)(\\d{8})[T_-]?(\\d{6})(?!\\d)");
    private static final DateTimeFormatter STAMP_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    public static ShopExport of(String fileName, FileTime lastModified, ZoneId zone) {
        Matcher m = STAMP.matcher(fileName);
        if (m.find()) {
            try {
                return new ShopExport(fileName,
                        LocalDateTime.parse(m.group(1) + m.group(2), STAMP_FORMAT).atZone(zone).toInstant());
            } catch (DateTimeParseException e) {
                // digits that are not a real date and time (e.g. an order number): fall back to the file's time
            }
        }
        return new ShopExport(fileName, lastModified.toInstant());
    }

    public long sequence(long lineNumber) {
        if (lineNumber >= LINES_PER_SECOND) {
            throw new UnreadableShopFileException("more than " + (LINES_PER_SECOND - 1) + " lines in one file");
        }
        return exportedAt.getEpochSecond() * LINES_PER_SECOND + lineNumber;
    }

    public String position(long lineNumber) {
        return fileName + "#" + lineNumber;
    }
}
