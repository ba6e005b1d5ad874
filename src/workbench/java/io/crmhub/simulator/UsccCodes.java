package io.crmhub.simulator;

import io.crmhub.identity.normalize.UnifiedSocialCreditCode;
import java.util.Random;

/**
 * Chinese unified social credit codes (GB 32100-2015) with a correct check digit, so that the demo data
 * carries tax ids identity resolution can trust. The check character is {@link UnifiedSocialCreditCode}'s.
 */
final class UsccCodes {

    private static final String ALPHABET = UnifiedSocialCreditCode.ALPHABET;
    private static final String[] DIVISIONS = {"110105", "310115", "440300", "330106", "320505", "510107"};

    private UsccCodes() {}

    static String random(Random rnd) {
        StringBuilder sb = new StringBuilder("91").append(DIVISIONS[rnd.nextInt(DIVISIONS.length)]);
        for (int i = 0; i < 9; i++) {
            sb.append(ALPHABET.charAt(rnd.nextInt(10 + (i == 8 ? 0 : 21))));
        }
        return sb.append(UnifiedSocialCreditCode.checkChar(sb)).toString();
    }
}
