package io.crmhub.identity.eval;

import java.util.SplittableRandom;

/** Character-level mistakes and the many ways people type one phone number. */
final class Noise {

    private static final String TYPO_HAN = "王李张刘陈杨黄赵伟芳娜敏静丽强磊军华信达通天宇明东";

    private final SplittableRandom rnd;

    Noise(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    /** One character replaced, dropped or doubled; never the first, which people rarely get wrong. */
    String typo(String s) {
        if (s.length() < 3) {
            return s;
        }
        int at = 1 + rnd.nextInt(s.length() - 1);
        char c = s.charAt(at);
        return switch (rnd.nextInt(3)) {
            case 0 -> s.substring(0, at) + similar(c) + s.substring(at + 1);
            case 1 -> s.substring(0, at) + s.substring(at + 1);
            default -> s.substring(0, at) + c + s.substring(at);
        };
    }

    private char similar(char c) {
        if (c >= 0x4E00) {
            return TYPO_HAN.charAt(rnd.nextInt(TYPO_HAN.length()));
        }
        if (Character.isDigit(c)) {
            return (char) ('0' + rnd.nextInt(10));
        }
        return Character.isLetter(c) ? (char) ('a' + rnd.nextInt(26)) : c;
    }

    /** Two neighbouring characters swapped. */
    String transpose(String s) {
        if (s.length() < 4) {
            return s;
        }
        int at = 1 + rnd.nextInt(s.length() - 2);
        return s.substring(0, at) + s.charAt(at + 1) + s.charAt(at) + s.substring(at + 2);
    }

    /** Spaces between Han characters or doubled between words, as some input forms produce. */
    String spaced(String s) {
        if (s.chars().anyMatch(c -> c >= 0x4E00)) {
            return String.join(" ", s.split(""));
        }
        return s.replace(" ", "  ");
    }

    /** One digit of the subscriber part changed: another number, found only through other fields. */
    String digitTypo(String phone) {
        int at = phone.length() - 1 - rnd.nextInt(4);
        char c = phone.charAt(at);
        return Character.isDigit(c) ? phone.substring(0, at) + (char) ('0' + (c - '0' + 1) % 10) + phone.substring(at + 1)
                : phone;
    }

    /** A national number as +86, 0086, spaced, dashed or full-width; foreign numbers keep their prefix. */
    String phoneFormat(String phone) {
        if (phone.startsWith("+")) {
            return rnd.nextDouble() < 0.3 ? "00" + phone.substring(1) : phone;
        }
        String national = phone.replace("-", "");
        String bare = national.startsWith("0") ? national.substring(1) : national;
        return switch (rnd.nextInt(8)) {
            case 0 -> "+86 " + bare;
            case 1 -> "0086-" + bare;
            case 2 -> "+86-" + bare.substring(0, 3) + "-" + bare.substring(3);
            case 3 -> spacedDigits(national);
            case 4 -> fullWidth(national);
            default -> phone;
        };
    }

    private static String spacedDigits(String digits) {
        return digits.length() < 8 ? digits : digits.substring(0, 3) + " " + digits.substring(3, 7) + " "
                + digits.substring(7);
    }

    /** ASCII digits and letters → full-width forms (０１２, Ａ), as Chinese input methods produce. */
    static String fullWidth(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c > ' ' && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : c);
        }
        return b.toString();
    }
}
