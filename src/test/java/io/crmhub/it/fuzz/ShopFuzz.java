package io.crmhub.it.fuzz;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmhub.it.ShopInbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Shop exports of 100 lines each, orders CSV and customers JSON Lines in turn, in UTF-8, UTF-8 with a byte-order
 * mark or GB18030, four lines in five hostile (columns replaced by generated values, broken quoting, not JSON,
 * nested values, stray bytes): every rejected line has a specific, PII-free reason in the rejects file, every
 * well-formed line is stored, and one file of random bytes lands in {@code error/} with its reason.
 */
final class ShopFuzz {

    private static final Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("fuzz.shop-timeout-s", 180));
    private static final int LINES = 100;
    private static final String ORDERS_HEADER = "order_no,order_time,customer_id,status,currency,order_total,line_no,"
            + "sku,product_name,quantity,unit_price,line_amount";
    private static final List<String> CUSTOMER_FIELDS = List.of("customer_id", "name", "nickname", "mobile", "email",
            "country", "province", "city", "address", "postal_code", "registered_at");
    private static final List<String> PERSONAL = List.of("name", "nickname", "mobile", "email", "address");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Arbitrary<Object> JSON_VALUE = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Hostile.textOrNull().map(v -> (Object) v)),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(v -> (Object) v)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(List.of(1, "x"), Map.of("k", "v"), true).map(v -> (Object) v)));

    /** One export: its name, and per line number the key of a well-formed line and the personal values sent. */
    private record Export(String name, Map<Long, String> wellFormed, Map<Long, List<String>> personal) {}

    private ShopFuzz() {}

    static void run(FuzzCampaign fuzz, ShopInbox inbox, JdbcTemplate crm, String run) throws IOException {
        List<Export> exports = new ArrayList<>();
        LocalDateTime stamp = LocalDateTime.of(2030, 1, 1, 0, 0).plusSeconds(Math.abs(run.hashCode() % 1_000_000));
        for (int f = 0; f * LINES < FuzzCampaign.CASES; f++) {
            String name = (f % 2 == 0 ? "orders-fz" : "customers-fz") + run + "-"
                    + stamp.plusSeconds(f).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
                    + (f % 2 == 0 ? ".csv" : ".jsonl");
            exports.add(write(fuzz, inbox, name, f % 2 == 0, run + "-" + f));
        }
        String noise = "orders-fz" + run + "-noise.csv";
        byte[] bytes = new byte[1 + fuzz.random().nextInt(4096)];
        fuzz.random().nextBytes(bytes);
        drop(inbox, noise, bytes);
        for (Export export : exports) {
            inbox.awaitFile(inbox.done(export.name()));
        }
        await().atMost(TIMEOUT).until(() -> Files.exists(inbox.done(noise)) || Files.exists(inbox.error(noise)));
        fuzz.countCase();
        if (Files.exists(inbox.error(noise))) {
            fuzz.countRefused();
            fuzz.explained(Files.readString(inbox.error(noise + ".reason.txt")), List.of(), noise);
        }
        for (Export export : exports) {
            check(fuzz, inbox, crm, export);
        }
    }

    private static void check(FuzzCampaign fuzz, ShopInbox inbox, JdbcTemplate crm, Export export) throws IOException {
        Map<Long, String> rejects = Files.exists(inbox.done(export.name() + ".rejects.csv"))
                ? inbox.rejects(export.name()) : Map.of();
        boolean orders = export.name().endsWith(".csv");
        String table = orders ? "order_record" : "customer_record";
        List<String> keys = List.copyOf(export.wellFormed().values());
        await().atMost(TIMEOUT).until(() -> crm.queryForObject("SELECT count(*) FROM " + table + " WHERE source_system"
                + " = 'shop' AND source_key = ANY (?)", Long.class, (Object) keys.toArray(String[]::new))
                >= keys.size() - export.wellFormed().keySet().stream().filter(rejects::containsKey).count());
        for (Map.Entry<Long, String> good : export.wellFormed().entrySet()) {
            if (rejects.containsKey(good.getKey())) {
                fuzz.unexplained(export.name() + " line " + good.getKey() + ": a well-formed line was rejected: "
                        + rejects.get(good.getKey()));
            }
        }
        for (Map.Entry<Long, String> reject : rejects.entrySet()) {
            fuzz.countRefused();
            fuzz.explained(reject.getValue(), export.personal().getOrDefault(reject.getKey(), List.of()),
                    export.name() + " line " + reject.getKey());
        }
    }

    private static Export write(FuzzCampaign fuzz, ShopInbox inbox, String name, boolean orders, String tag)
            throws IOException {
        Charset charset = switch (fuzz.random().nextInt(4)) {
            case 0 -> Charset.forName("GB18030");
            default -> StandardCharsets.UTF_8;
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (charset == StandardCharsets.UTF_8 && fuzz.random().nextInt(3) == 0) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        if (orders) {
            out.write((ORDERS_HEADER + "\n").getBytes(charset));
        }
        Map<Long, String> wellFormed = new LinkedHashMap<>();
        Map<Long, List<String>> personal = new LinkedHashMap<>();
        long lineNo = orders ? 1 : 0;
        for (int i = 0; i < LINES; i++) {
            lineNo++;
            String key = (orders ? "FZO" : "FZU") + tag + "-" + i;
            boolean good = i % 5 == 0;
            List<String> sent = new ArrayList<>();
            String line = orders ? orderLine(fuzz, key, good) : customerLine(fuzz, key, good, sent);
            out.write((line.replace('\n', ' ').replace('\r', ' ') + "\n").getBytes(charset));
            if (!good && charset != StandardCharsets.UTF_8 && fuzz.random().nextInt(20) == 0) {
                // stray bytes on a line of their own; in a UTF-8 file they would switch the whole file to GB18030
                // (connectors/shop/README.md) and cost its Chinese lines: docs/reliability.md
                out.write(new byte[] {(byte) 0xFF, (byte) 0xFE, '\n'});
                lineNo++;
            }
            fuzz.countCase();
            if (good) {
                wellFormed.put(lineNo, key);
            }
            personal.put(lineNo, sent);
        }
        drop(inbox, name, out.toByteArray());
        return new Export(name, wellFormed, personal);
    }

    private static String orderLine(FuzzCampaign fuzz, String key, boolean good) {
        List<String> columns = new ArrayList<>(List.of(key, "2024-06-04 13:00", "U1001", "PAID", "CNY", "100.00",
                "1", "SKU-A100", "保温杯", "1", "100.00", "100.00"));
        if (good) {
            return String.join(",", columns);
        }
        if (fuzz.random().nextInt(10) == 0) {
            return fuzz.next(Hostile.anyText(200));
        }
        for (int n = 1 + fuzz.random().nextInt(3); n > 0; n--) {
            int at = 1 + fuzz.random().nextInt(columns.size() - 1);
            String value = fuzz.next(Hostile.text());
            columns.set(at, fuzz.random().nextInt(4) == 0 ? value : "\"" + value.replace("\"", "\"\"") + "\"");
        }
        if (fuzz.random().nextInt(10) == 0) {
            columns.remove(columns.size() - 1);
        }
        return String.join(",", columns);
    }

    private static String customerLine(FuzzCampaign fuzz, String key, boolean good, List<String> sent) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_id", key);
        row.put("name", "Fuzz Shopper");
        row.put("email", key.toLowerCase() + "@example.com");
        if (good) {
            return write(row);
        }
        if (fuzz.random().nextInt(10) == 0) {
            return fuzz.next(Hostile.anyText(200));
        }
        for (int n = 1 + fuzz.random().nextInt(3); n > 0; n--) {
            String field = CUSTOMER_FIELDS.get(1 + fuzz.random().nextInt(CUSTOMER_FIELDS.size() - 1));
            Object value = fuzz.next(JSON_VALUE);
            row.put(field, value);
            if (PERSONAL.contains(field) && value instanceof String s) {
                sent.add(s);
            }
        }
        String json = write(row);
        return fuzz.random().nextInt(10) == 0 ? json.substring(0, fuzz.random().nextInt(json.length())) : json;
    }

    private static String write(Map<String, Object> row) {
        try {
            return JSON.writeValueAsString(row);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void drop(ShopInbox inbox, String name, byte[] content) throws IOException {
        Path part = inbox.dir().resolve(name + ".part");
        Files.write(part, content);
        Files.move(part, inbox.dir().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
