package io.crmhub.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EmailSyntax} and the role-mailbox test of {@link EmailNormalizer} against the regular expressions they
 * replaced, kept here as the reference.
 */
class EmailSyntaxTest {

    private static final Pattern SYNTAX = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+");
    private static final Pattern TRAILING_DIGITS = Pattern.compile("\\d+$");
    private static final Pattern SEPARATOR = Pattern.compile("[._-]");
    private static final Set<String> ROLES = Set.of("info", "sales", "service", "");
    private static final EmailNormalizer EMAILS = new EmailNormalizer(ROLES);
    private static final String[] PIECES = {"a", "z", "0", "9", "info", "sales", "@", ".", "..", "-", "_", "+", "!",
            "#", "~", "{", "|", "}", "`", "'", "acme", "com", "cn", " ", "A", "é", "１", "\n", "\u2028", "@acme.com",
            "12"};

    @ParameterizedTest
    @ValueSource(strings = {"", "@", "a@b", "a@b.c", ".a@b.c", "a.@b.c", "a..b@c.d", "a@b..c", "a@-b.c", "a@b-.c",
            "a@b.c-", "a@b.c.", "a@.b.c", "a@@b.c", "a@b@c.d", "!#$%&'*+/=?^_`{|}~-@x1.y2", "a@b-c.d-e.f",
            "zhang wei@acme.com", "Zhang@acme.com", "a@ä.com", "info2@acme.com", "info\n@acme.com"})
    void examplesAsTheRegularExpressionHadThem(String email) {
        assertSameAsReference(email);
    }

    @Test
    void randomTextsAsTheRegularExpressionsHadThem() {
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(9); n > 0; n--) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertSameAsReference(b.toString());
        }
    }

    @Test
    void roleMailboxesAsTheRegularExpressionsHadThem() {
        for (String local : List.of("info", "info2", "info12", "info2x", "sales-east", "sales.east", "sales_east",
                "service+cn", "information", "123", "", ".info", "-x", "info\n", "info2\n", "info2\u2028", "sa\nles")) {
            int plus = local.indexOf('+');
            String mailbox = plus >= 0 ? local.substring(0, plus) : local;
            String[] parts = SEPARATOR.split(mailbox, 2);
            boolean role = EMAILS.isRole(local);
            assertThat(role).as(local).isEqualTo(ROLES.contains(TRAILING_DIGITS.matcher(mailbox).replaceAll(""))
                    || parts.length == 2 && ROLES.contains(parts[0]));
        }
    }

    private static void assertSameAsReference(String email) {
        String local = email.contains("@") ? email.substring(0, email.indexOf('@')) : "";
        boolean expected = SYNTAX.matcher(email).matches() && !local.startsWith(".") && !local.endsWith(".")
                && !email.contains("..");
        assertThat(EmailSyntax.isValid(email)).as(email).isEqualTo(expected);
    }
}
