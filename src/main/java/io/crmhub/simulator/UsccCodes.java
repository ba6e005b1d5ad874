package io.crmhub.simulator;

import java.util.Random;

/**
 * Chinese unified social credit codes (GB 32100-2015) with a correct check digit, so that the demo data
 * carries tax ids identity resolution can trust.
 */
final class UsccCodes {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final String[] DIVISIONS = {"110105", "310115", "440300", "330106", "320505", "510107"};

    private UsccCodes() {}

    static String random(Random rnd) {
        StringBuilder sb = new StringBuilder("91").append(DIVISIONS[rnd.nextInt(DIVISIONS.length)]);
        for (int i = 0; i < 9; i++) {
            sb.append(ALPHABET.charAt(rnd.nextInt(10 + (i == 8 ? 0 : 21))));
        }
        return sb.append(checkChar(sb)).toString();
    }

    static char checkChar(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }
}
