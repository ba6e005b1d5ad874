package io.crmhub.canonical;

import io.crmhub.canonical.Customer.Document;
import io.crmhub.canonical.Customer.DocumentType;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a customer's birth date and identity documents once mapped, for every source alike: a document or birth
 * date that cannot be right is left out with a specific reason (a {@link DataIssue}, never the value itself) and
 * the rest of the record is kept. China resident ids are checked fully (GB 11643: 17 digits, a check character
 * 0-9 or X over ISO 7064 MOD 11-2, a real birth date in characters 7-14); other documents only for their shape.
 */
public final class IdentityDocuments {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final LocalDate EARLIEST = LocalDate.of(1890, 1, 1);

    private IdentityDocuments() {}

    /** Upper-case, without spaces, hyphens and dots: how numbers are written on forms differs, not the number. */
    public static String clean(String number) {
        if (number == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '０' && c <= '９' || c >= 'Ａ' && c <= 'Ｚ' || c >= 'ａ' && c <= 'ｚ') {
                c = (char) (c - 0xFEE0); // full-width forms typed on Chinese keyboards
            }
            if (!Character.isWhitespace(c) && c != '-' && c != '.' && c != '\u3000') {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.isEmpty() ? null : b.toString();
    }

    /** Why a China resident id number (cleaned) is not valid, or null when it is. */
    public static String residentIdProblem(String number) {
        if (number == null || number.length() != 18) {
            return "CN_RESIDENT_ID must have 18 characters, has " + (number == null ? 0 : number.length());
        }
        for (int i = 0; i < 17; i++) {
            if (number.charAt(i) < '0' || number.charAt(i) > '9') {
                return "CN_RESIDENT_ID must have digits in its first 17 characters";
            }
        }
        if (number.charAt(0) < '1' || number.charAt(0) > '8') {
            return "CN_RESIDENT_ID has no valid region code";
        }
        if (residentBirthDate(number) == null) {
            return "CN_RESIDENT_ID carries an impossible birth date";
        }
        if (number.charAt(17) != checkCharacter(number)) {
            return "CN_RESIDENT_ID has a wrong check character";
        }
        return null;
    }

    /** Whether a cleaned number is a valid China resident id. */
    public static boolean validResidentId(String number) {
        return residentIdProblem(number) == null;
    }

    /** The GB 11643 check character of the first 17 digits. */
    public static char checkCharacter(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** The birth date written in a resident id's characters 7-14, or null when there is none or it is impossible. */
    public static LocalDate residentBirthDate(String number) {
        if (number == null || number.length() < 14) {
            return null;
        }
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
            return d.isBefore(EARLIEST) || d.isAfter(LocalDate.now()) ? null : d;
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    /** 'M' or 'F' from a resident id's 17th digit (odd: male), or null. */
    public static Character residentSex(String number) {
        if (number == null || number.length() < 17 || !Character.isDigit(number.charAt(16))) {
            return null;
        }
        return (number.charAt(16) - '0') % 2 == 1 ? 'M' : 'F';
    }

    /** Why any other document number (cleaned) is not plausible, or null: 4 to 24 letters and digits. */
    static String otherProblem(Document d) {
        String n = d.number();
        if (n == null) {
            return d.type() + " has no number";
        }
        if (n.length() < 4 || n.length() > 24) {
            return d.type() + " number must have 4 to 24 characters, has " + n.length();
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) {
                return d.type() + " number must be letters and digits only";
            }
        }
        return null;
    }

    /**
     * The customer with cleaned documents; a document or birth date that cannot be right is left out and reported
     * in {@code issues} under {@code <entity>.documents} / {@code <entity>.birthDate}.
     */
    public static Customer check(Customer c, String entity, List<DataIssue> issues) {
        if (c.birthDate() == null && c.documents() == null) {
            return c;
        }
        LocalDate birthDate = c.birthDate();
        if (birthDate != null && (birthDate.isBefore(EARLIEST) || birthDate.isAfter(LocalDate.now()))) {
            issues.add(new DataIssue(entity + ".birthDate", "birth date is before 1890 or in the future"));
            birthDate = null;
        }
        List<Document> documents = new ArrayList<>();
        for (Document d : c.documents() == null ? List.<Document>of() : c.documents()) {
            if (d == null) {
                continue;
            }
            DocumentType type = d.type() == null ? DocumentType.OTHER : d.type();
            String country = d.issuingCountry() == null ? (type == DocumentType.CN_RESIDENT_ID ? "CN" : null)
                    : d.issuingCountry().strip().toUpperCase(Locale.ROOT);
            Document cleaned = new Document(type, clean(d.number()), country);
            String problem = type == DocumentType.CN_RESIDENT_ID ? residentIdProblem(cleaned.number())
                    : otherProblem(cleaned);
            if (problem != null) {
                issues.add(new DataIssue(entity + ".documents", problem));
            } else if (!documents.contains(cleaned)) {
                documents.add(cleaned);
            }
        }
        return new Customer(c.number(), c.kind(), c.name(), c.contactName(), c.emails(), c.phones(), c.addresses(),
                c.taxId(), c.industry(), c.owner(), c.lifecycleStatus(), birthDate,
                documents.isEmpty() ? null : List.copyOf(documents));
    }
}
