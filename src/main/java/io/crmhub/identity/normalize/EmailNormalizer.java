package io.crmhub.identity.normalize;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * E-mail addresses → {@link NormalizedEmail}, flagging role mailboxes listed in
 * {@code mappings/identity/role-mailboxes.yaml}. An address that fails {@link EmailSyntax} is dropped:
 * matching on a malformed address would only match its typos.
 */
public final class EmailNormalizer {

    static final String FILE = "role-mailboxes.yaml";
    private static final Pattern TRAILING_DIGITS = Pattern.compile("\\d+$");

    private final Set<String> roles;

    EmailNormalizer(Set<String> roles) {
        this.roles = Set.copyOf(roles);
    }

    public static EmailNormalizer fromClasspath() {
        return new EmailNormalizer(Set.copyOf(
                IdentityData.strings(IdentityData.read(FILE), "role-mailboxes", FILE)));
    }

    /** The normalised address, or empty when blank or not an address. */
    public Optional<NormalizedEmail> normalize(String raw) {
        if (Texts.isBlank(raw)) {
            return Optional.empty();
        }
        String address = Texts.halfwidth(raw).strip().toLowerCase(Locale.ROOT);
        if (!EmailSyntax.isValid(address)) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        String domain = Texts.shared(address.substring(at + 1));
        return Optional.of(new NormalizedEmail(address, domain, isRole(address.substring(0, at))));
    }

    /** info, info2, sales-east, service.sh are roles; "information" and "salesman" are not. */
    boolean isRole(String local) {
        int plus = local.indexOf('+');
        String mailbox = plus >= 0 ? local.substring(0, plus) : local;
        if (roles.contains(withoutTrailingDigits(mailbox))) {
            return true;
        }
        int separator = firstSeparator(mailbox);
        return separator >= 0 && roles.contains(mailbox.substring(0, separator));
    }

    /** {@code \d+$} removed; by hand unless a line terminator makes {@code $} special (never in a valid address). */
    private static String withoutTrailingDigits(String mailbox) {
        int end = mailbox.length();
        for (int i = 0; i < end; i++) {
            char c = mailbox.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return TRAILING_DIGITS.matcher(mailbox).replaceAll("");
            }
        }
        while (end > 0 && mailbox.charAt(end - 1) >= '0' && mailbox.charAt(end - 1) <= '9') {
            end--;
        }
        return mailbox.substring(0, end);
    }

    /** Where {@code [._-]} first occurs, else -1: the first part of {@code split(mailbox, 2)}. */
    private static int firstSeparator(String mailbox) {
        for (int i = 0; i < mailbox.length(); i++) {
            char c = mailbox.charAt(i);
            if (c == '.' || c == '_' || c == '-') {
                return i;
            }
        }
        return -1;
    }
}
