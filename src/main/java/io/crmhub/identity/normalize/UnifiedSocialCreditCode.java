package io.crmhub.identity.normalize;

import java.util.Locale;

/**
 * China's unified social credit code (GB 32100-2015): 18 characters, the last a check character over the
 * first 17. The single source of truth for the check character (the demo data generator uses it too), so
 * that a code is "valid" in exactly one sense across the hub.
 */
public final class UnifiedSocialCreditCode {

    /** The code's alphabet: digits and capitals without I, O, Z, S, V, which look like digits. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    public static final int LENGTH = 18;
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private UnifiedSocialCreditCode() {}

    /**
     * The check character for the first 17 characters of a code.
     *
     * @throws IllegalArgumentException if there are fewer than 17 characters or one is outside the alphabet
     */
    public static char checkChar(CharSequence first17) {
        if (first17.length() < LENGTH - 1) {
            throw new IllegalArgumentException("need 17 characters, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("character " + (i + 1) + " is outside the code alphabet");
            }
            sum += value * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    /**
     * Half-width, upper case, spaces and hyphens removed, then checked. Blank input gives null: there is no
     * tax id, which is different from a wrong one.
     */
    public static NormalizedTaxId normalize(String raw) {
        if (Texts.isBlank(raw)) {
            return null;
        }
        String code = Texts.removeWhitespace(Texts.halfwidth(raw)).replace("-", "").toUpperCase(Locale.ROOT);
        return new NormalizedTaxId(code, problemOf(code));
    }

    private static NormalizedTaxId.Problem problemOf(String code) {
        if (code.length() != LENGTH) {
            return NormalizedTaxId.Problem.WRONG_LENGTH;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return NormalizedTaxId.Problem.BAD_CHARACTER;
            }
        }
        return checkChar(code) == code.charAt(LENGTH - 1) ? null : NormalizedTaxId.Problem.BAD_CHECK_CHARACTER;
    }
}
