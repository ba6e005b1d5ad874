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
    private static final Pattern SEPARATOR = Pattern.compile("[._-]");

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
        return Optional.of(new NormalizedEmail(address, address.substring(at + 1).intern(), isRole(address.substring(0, at))));
    }

    /** info, info2, sales-east, service.sh are roles; "information" and "salesman" are not. */
    boolean isRole(String local) {
        int plus = local.indexOf('+');
        String mailbox = plus >= 0 ? local.substring(0, plus) : local;
        if (roles.contains(TRAILING_DIGITS.matcher(mailbox).replaceAll(""))) {
            return true;
        }
        String[] parts = SEPARATOR.split(mailbox, 2);
        return parts.length == 2 && roles.contains(parts[0]);
    }
}
