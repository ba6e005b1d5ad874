package io.crmhub.identity.match;

import io.crmhub.identity.normalize.NormalizedAddress;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.NormalizedEmail;
import io.crmhub.identity.normalize.NormalizedPhone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds candidate pairs as an OR of several block keys — valid tax id, each phone, each non-role e-mail, a
 * name-key prefix, the pinyin key, each address key — so one missing or mistyped field does not hide a match.
 * Blocks larger than the maximum are purged: they would cost quadratic time and mostly hold unrelated records
 * sharing a common value. Cost is therefore at most records × keys × max block size: near-linear.
 */
public final class Blocker {

    private final MatchRules.Blocking settings;

    public Blocker(MatchRules.Blocking settings) {
        this.settings = settings;
    }

    /** The block keys of one record, each prefixed by its kind so a phone never meets a tax id. */
    public Set<String> keys(NormalizedCustomer c) {
        Set<String> keys = new LinkedHashSet<>();
        c.validTaxId().ifPresent(t -> keys.add("tax:" + t));
        c.phones().stream().map(NormalizedPhone::e164).forEach(p -> keys.add("phone:" + p));
        c.emails().stream().filter(e -> !e.role()).map(NormalizedEmail::address).forEach(e -> keys.add("email:" + e));
        String compact = c.nameKey() == null ? "" : c.nameKey().replace(" ", "");
        if (!compact.isEmpty()) { // "-" or "有限公司" alone leaves no name to block on
            keys.add("name:" + compact.substring(0, Math.min(compact.length(), settings.namePrefixLength())));
        }
        if (c.pinyinKey() != null) {
            keys.add("pinyin:" + c.pinyinKey());
        }
        c.addresses().stream().map(NormalizedAddress::blockKey).filter(Objects::nonNull)
                .forEach(a -> keys.add("address:" + a));
        c.documents().forEach(d -> keys.add("doc:" + d.key()));
        String birth = birthDateKey(c);
        if (birth != null) {
            keys.add(birth);
        }
        return keys;
    }

    /**
     * The birth date with the first letter of the name's last word ("bd:19900307:s" for John Smith, J Smith, Bill
     * Smith, Smith): people known only by name, birth date and address find each other through it when a typo, an
     * initial or a nickname changed the name prefix and the address differs. A date alone would make blocks of
     * every birthday.
     */
    static String birthDateKey(NormalizedCustomer c) {
        if (c.birthDate() == 0 || c.name() == null || c.name().tokens().isEmpty()) {
            return null;
        }
        List<String> tokens = c.name().tokens();
        return "bd:" + c.birthDate() + ":" + tokens.get(tokens.size() - 1).charAt(0);
    }

    public BlockingResult block(List<NormalizedCustomer> customers) {
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (int i = 0; i < customers.size(); i++) {
            for (String key : keys(customers.get(i))) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>(2)).add(i);
            }
        }
        Set<Long> seen = new HashSet<>();
        Set<Long> metOnce = new HashSet<>();
        List<CandidatePair> pairs = new ArrayList<>();
        int used = 0;
        int purged = 0;
        for (Map.Entry<String, List<Integer>> entry : blocks.entrySet()) {
            List<Integer> members = entry.getValue();
            if (members.size() < 2) {
                continue;
            }
            if (members.size() > settings.maxBlockSize()) {
                purged++;
                continue;
            }
            used++;
            addPairs(members, settings.narrow(entry.getKey(), members.size()), seen, metOnce, pairs);
        }
        return new BlockingResult(pairs, used + purged, purged);
    }

    /** A wide block's pair is added the second time it is met (a second shared key), a narrow block's at once. */
    private static void addPairs(List<Integer> members, boolean narrow, Set<Long> seen, Set<Long> metOnce,
                                 List<CandidatePair> pairs) {
        for (int x = 0; x < members.size(); x++) {
            for (int y = x + 1; y < members.size(); y++) {
                int left = members.get(x);
                int right = members.get(y);
                long pair = ((long) left << 32) | right;
                if ((narrow || !metOnce.add(pair)) && seen.add(pair)) {
                    pairs.add(new CandidatePair(left, right));
                }
            }
        }
    }
}
