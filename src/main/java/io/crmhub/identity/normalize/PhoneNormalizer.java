package io.crmhub.identity.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Any way people type a phone number → E.164 with its type, via libphonenumber. Numbers without a country
 * prefix are read as numbers of the default region (CN unless configured), which also makes {@code 0086 …}
 * work, because 00 is China's international call prefix. Used by the mapping's {@code phone} transform and
 * by identity resolution, so both agree on what a number is.
 */
public final class PhoneNormalizer {

    /** Why a text is not a usable number; the mapping turns these into reject reasons. */
    public enum Outcome { VALID, NOT_A_NUMBER, INVALID_NUMBER }

    /** @param phone the number when {@code outcome} is VALID, else null */
    public record Result(Outcome outcome, NormalizedPhone phone) {}

    public static final String DEFAULT_REGION = "CN";
    /** China's country calling code. */
    private static final int CHINA = 86;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Entries kept before the cache starts afresh: a few megabytes. */
    private static final int CACHE_SIZE = 1 << 16;
    /** One cache per default region, shared by every normaliser of that region (the mapping's and identity's). */
    private static final Map<String, Map<String, Result>> CACHES = new ConcurrentHashMap<>();

    private final String region;
    /**
     * Results by number text, spaces and hyphens removed (libphonenumber ignores them): parsing is most of the
     * cost of normalising a record, and one number recurs — a customer's mobile in every system that knows
     * them, a switchboard on every employee. A valid number is also kept under its E.164 form: the mapping's
     * {@code phone} transform writes that form into the canonical customer and identity resolution parses it
     * again, so the second parse is a lookup. Emptied when full, so it stays small whatever the input.
     */
    private final Map<String, Result> cache;

    /** @throws IllegalArgumentException for a region libphonenumber does not know (configuration error) */
    public PhoneNormalizer(String defaultRegion) {
        this.region = defaultRegion.toUpperCase(Locale.ROOT);
        if (!PHONES.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion + "'");
        }
        this.cache = CACHES.computeIfAbsent(region, r -> new ConcurrentHashMap<>());
    }

    public String region() {
        return region;
    }

    /** The number, or empty when the text is blank, not a number or not a valid one. */
    public Optional<NormalizedPhone> normalize(String raw) {
        return Optional.ofNullable(parse(raw).phone());
    }

    /** Like {@link #normalize}, but says why a non-blank text was refused. Blank is NOT_A_NUMBER. */
    public Result parse(String raw) {
        if (Texts.isBlank(raw)) {
            return new Result(Outcome.NOT_A_NUMBER, null);
        }
        String text = Texts.halfwidth(raw).strip();
        String key = cacheKey(text);
        Result cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        PhoneNumber mobile = chineseMobile(key);
        Result result = mobile != null ? typed(mobile) : parseNumber(text);
        if (cache.size() >= CACHE_SIZE) {
            cache.clear();
        }
        cache.put(key, result);
        if (result.phone() != null) {
            // an E.164 number reads the same in every region: parsing it again gives this very result
            cache.putIfAbsent(result.phone().e164(), result);
        }
        return result;
    }

    /**
     * The text without spaces and hyphens when it holds nothing else but digits and a leading plus ("+86 138-0013
     * 8000" → "+8613800138000"), which libphonenumber reads alike; any other text as it is.
     */
    static String cacheKey(String text) {
        boolean separators = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '-') {
                separators = true;
            } else if (!(c >= '0' && c <= '9' || c == '+' && i == 0)) {
                return text;
            }
        }
        if (!separators) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '-') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The number libphonenumber's {@code parse} makes of a Chinese mobile number written as its eleven digits
     * ({@code 1[3-9]…}) — bare when the default region is CN, or after {@code +86} — without parsing: most numbers of
     * a Chinese export are written so, and parsing is most of their cost (its generic steps look for extensions,
     * country codes, national and carrier prefixes, none of which such a text can hold: {@code 11}, {@code 12} and
     * {@code 179} start carrier prefixes in CN, so those go through the parser). Only the form: whether it is a
     * valid number, and of which type, is still libphonenumber's answer ({@link #typed}). Null for any other text.
     * {@code PhoneNormalizerTest} holds it to the parser's result for every prefix.
     *
     * @param key the text without spaces and hyphens ({@link #cacheKey})
     */
    PhoneNumber chineseMobile(String key) {
        int start;
        if (key.length() == 11 && region.equals("CN")) {
            start = 0;
        } else if (key.length() == 14 && key.startsWith("+86")) {
            start = 3;
        } else {
            return null;
        }
        char second = key.charAt(start + 1);
        if (key.charAt(start) != '1' || second < '3' || second > '9' || second == '7' && key.charAt(start + 2) == '9') {
            return null;
        }
        long national = 0;
        for (int i = start; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            national = national * 10 + (c - '0');
        }
        return new PhoneNumber().setCountryCode(CHINA).setNationalNumber(national);
    }

    /** The text parsed by libphonenumber, without the cache. */
    Result parseNumber(String text) {
        PhoneNumber number;
        try {
            number = PHONES.parse(text, region);
        } catch (NumberParseException e) {
            // The parser's message may quote the input: callers get only the outcome, never the cause.
            return new Result(Outcome.NOT_A_NUMBER, null);
        }
        return typed(number);
    }

    /** A parsed number's outcome: its type and E.164 form if valid. */
    static Result typed(PhoneNumber number) {
        // getNumberType matches the number against the same patterns isValidNumber does, and is UNKNOWN exactly
        // when the number is not valid: asking once halves the regular-expression work per number.
        PhoneNumberType type = PHONES.getNumberType(number);
        if (type == PhoneNumberType.UNKNOWN) {
            return new Result(Outcome.INVALID_NUMBER, null);
        }
        String e164 = PHONES.format(number, PhoneNumberFormat.E164);
        return new Result(Outcome.VALID, new NormalizedPhone(e164, typeOf(type)));
    }

    private static PhoneType typeOf(PhoneNumberType type) {
        return switch (type) {
            case MOBILE -> PhoneType.MOBILE;
            case FIXED_LINE -> PhoneType.LANDLINE;
            case TOLL_FREE, SHARED_COST, PREMIUM_RATE, UAN -> PhoneType.SERVICE;
            default -> PhoneType.UNKNOWN;
        };
    }
}
