package io.crmhub.identity.eval;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.Customer.Address;
import io.crmhub.canonical.Customer.Phone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes synthetic customers as a CSV export in the column layout of mappings/dry-run/customers.yaml, plus the
 * ground-truth {@code entity} column the mapping ignores: a labelled file to run the dry run on at any size.
 * {@code java -cp target/crm-hub.jar -Dloader.main=io.crmhub.identity.eval.SyntheticCsv
 * org.springframework.boot.loader.launch.PropertiesLauncher <file.csv> <records> [seed]}
 */
public final class SyntheticCsv {

    static final String[] HEADER = {"id", "kind", "name", "contact", "phone", "mobile", "email", "email2", "country",
        "province", "city", "address", "tax_id", "entity"};

    private SyntheticCsv() {}

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Integer.parseInt(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 7, "r");
    }

    /** Writes {@code records} rows with ids {@code <idPrefix><index>}. */
    public static void write(Path file, int records, long seed, String idPrefix) throws IOException {
        try (CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            new SyntheticCustomers(seed).generate(records, (index, c, entity) -> row(out, idPrefix + index, c, entity));
        }
    }

    private static void row(CSVPrinter out, String id, Customer c, int entity) {
        List<Phone> phones = c.phones();
        List<String> emails = c.emails();
        Address a = c.addresses().isEmpty() ? null : c.addresses().get(0);
        try {
            out.printRecord(id, c.kind() == Customer.PartyKind.ORGANISATION ? "C" : "P", c.name(), c.contactName(),
                    phones.isEmpty() ? null : phones.get(0).e164(), phones.size() < 2 ? null : phones.get(1).e164(),
                    emails.isEmpty() ? null : emails.get(0), emails.size() < 2 ? null : emails.get(1),
                    a == null ? null : a.country(), a == null ? null : a.province(), a == null ? null : a.city(),
                    a == null ? null : a.street(), c.taxId(), entity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
