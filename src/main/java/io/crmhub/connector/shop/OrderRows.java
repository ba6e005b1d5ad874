package io.crmhub.connector.shop;

import io.crmhub.canonical.SourceChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Order export CSV: a header row, then one row per order line with the order's header fields repeated.
 * The order header is published with the first accepted line of each run of lines of one order, so memory
 * stays constant however large the file is; an order whose lines are not adjacent is published once per
 * run, which the store absorbs (same content, higher sequence). Columns are found by header name, in any
 * order; extra columns are ignored.
 */
final class OrderRows implements RowSource {

    static final List<String> COLUMNS = List.of("order_no", "order_time", "customer_id", "status", "currency",
            "order_total", "line_no", "sku", "product_name", "quantity", "unit_price", "line_amount");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setTrim(true).get();

    private final ShopExport export;
    private final List<String> header;
    private String lastOrder;

    private OrderRows(ShopExport export, List<String> header) {
        this.export = export;
        this.header = header;
    }

    /** Reads the header row; a file without the expected columns is unreadable as a whole. */
    static OrderRows open(ShopExport export, TextLine first) {
        if (first == null || first.text().isBlank()) {
            throw new UnreadableShopFileException("empty file: no header row");
        }
        List<String> header;
        try {
            header = fields(first.text().replace("\uFEFF", "")).stream()
                    .map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        } catch (RowRejectedException e) {
            throw new UnreadableShopFileException("header row: " + e.getMessage());
        }
        List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new UnreadableShopFileException("header row lacks column(s) " + String.join(", ", missing)
                    + "; expected " + String.join(",", COLUMNS));
        }
        return new OrderRows(export, header);
    }

    @Override
    public List<SourceChange> changes(TextLine line) throws RowRejectedException {
        List<String> values = fields(line.text());
        if (values.size() != header.size()) {
            throw new RowRejectedException("expected " + header.size() + " columns, found " + values.size());
        }
        Map<String, Object> row = new HashMap<>(header.size() * 2);
        for (int i = 0; i < values.size(); i++) {
            row.put(header.get(i), values.get(i).isEmpty() ? null : values.get(i));
        }
        List<SourceChange> changes = new ArrayList<>(2);
        SourceChange lineChange = ShopRowConverter.orderLine(export, line.number(), row);
        String order = ShopRowConverter.key(row, "order_no");
        if (!order.equals(lastOrder)) {
            changes.add(ShopRowConverter.order(export, line.number(), row));
        }
        changes.add(lineChange);
        return changes;
    }

    @Override
    public void accepted(List<SourceChange> changes) {
        lastOrder = changes.get(0).entity().equals(ShopRowConverter.ORDERS) ? changes.get(0).key() : lastOrder;
    }

    /**
     * One CSV record on one line (RFC 4180 quoting; a field with a line break is not supported). A line without a
     * quote or line break is the common case and needs no parser: its fields are the text between commas, trimmed,
     * exactly as the parser reads them (OrderRowsTest compares the two). Each parser reads through its own 8,192-char
     * buffer, allocated and cleared per line: 40 % of a file backfill's reader thread in a profile.
     */
    static List<String> fields(String text) throws RowRejectedException {
        if (!text.isEmpty() && text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return unquoted(text);
        }
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new RowRejectedException("not one CSV record");
            }
            return records.get(0).toList();
        } catch (UncheckedIOException | IOException | IllegalStateException e) {
            throw new RowRejectedException("unterminated quoted field");
        }
    }

    /** The comma-separated fields of a line without quotes, each trimmed as {@code FORMAT} trims. */
    private static List<String> unquoted(String text) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int comma = text.indexOf(','); comma >= 0; comma = text.indexOf(',', start)) {
            fields.add(text.substring(start, comma).trim());
            start = comma + 1;
        }
        fields.add(text.substring(start).trim());
        return fields;
    }
}
