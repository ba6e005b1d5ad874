package io.crmhub.identity.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Company legal forms and branch markers from {@code mappings/identity/legal-forms.yaml}, applied to
 * folded names. Longest spelling first, so 股份有限公司 is taken whole rather than as 公司.
 */
final class LegalForms {

    static final String FILE = "legal-forms.yaml";

    /** One spelling, folded, and the legal form it stands for. */
    record Spelling(String folded, String form) {}

    /** A folded name with one ending cut off: what remains, and the form (or marker) that was cut. */
    record Cut(String rest, String form) {}

    private final List<Spelling> forms;
    /** The folded spellings, to tell a name that is nothing but a legal form in one look-up. */
    private final Set<String> spellings;
    private final List<String> branchMarkers;

    LegalForms(List<Spelling> forms, List<String> branchMarkers) {
        this.forms = forms.stream().sorted(Comparator.comparingInt((Spelling s) -> s.folded().length()).reversed())
                .toList();
        this.spellings = forms.stream().map(Spelling::folded).collect(Collectors.toUnmodifiableSet());
        this.branchMarkers = branchMarkers.stream().map(NameFolding::fold)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    static LegalForms load() {
        JsonNode root = IdentityData.read(FILE);
        List<Spelling> spellings = new ArrayList<>();
        for (JsonNode entry : IdentityData.required(root, "legal-forms", FILE)) {
            String form = IdentityData.required(entry, "form", FILE).asText();
            for (String variant : IdentityData.strings(entry, "variants", FILE)) {
                spellings.add(new Spelling(NameFolding.fold(variant), form));
            }
        }
        return new LegalForms(spellings, IdentityData.strings(root, "branch-markers", FILE));
    }

    /**
     * The legal form ending the name, cut off; null when the name has none, or is nothing but a legal form
     * (a company called "有限公司" keeps its name rather than becoming "有限").
     */
    Cut cutLegalForm(String folded) {
        if (folded.isEmpty() || spellings.contains(folded)) { // "-" or "·" folds to nothing: no form to cut
            return null;
        }
        for (Spelling s : forms) {
            int start = NameFolding.suffixStart(folded, s.folded());
            start = start >= 0 ? start : mistypedStart(folded, s.folded());
            if (start >= 0) {
                return new Cut(folded.substring(0, start).strip(), s.form());
            }
        }
        return null;
    }

    /**
     * Where a Chinese legal form of four or more characters typed with one slip — a character replaced, left
     * out or typed twice, or two swapped (有限公通, 限有责任公司, 有限限公司) — ends the name, or -1. Tried with its
     * spelling, longest first, so 限有责任公司 is not read as 公司. Only long forms: a slip in 公司 or 集团 would be
     * any two characters. Something must remain before it.
     */
    private static int mistypedStart(String folded, String form) {
        if (form.length() < 4 || !NameFolding.isHan(form.codePointAt(0)) || !mayEndInSlipOf(folded, form)) {
            return -1;
        }
        for (int length = form.length() + 1; length >= form.length() - 1; length--) {
            int start = folded.length() - length;
            if (start < 1 || !NameFolding.isHan(folded.codePointAt(start))) {
                continue;
            }
            String tail = folded.substring(start);
            if (Slips.doubled(tail, form) || Slips.replaced(tail, form) || Slips.swapped(tail, form)
                    || Slips.dropped(tail, form)) {
                return start;
            }
        }
        return -1;
    }

    /** Cheap test first: after any one slip the text ends in the form's last character or its second-to-last. */
    private static boolean mayEndInSlipOf(String folded, String form) {
        int n = folded.length();
        int k = form.length();
        char last = folded.charAt(n - 1);
        return last == form.charAt(k - 1) || last == form.charAt(k - 2) || n >= 2 && folded.charAt(n - 2) == form.charAt(k - 2);
    }

    /** The branch marker ending the name, cut off; null when the name is not a branch's. */
    Cut cutBranchMarker(String folded) {
        for (String marker : branchMarkers) {
            int start = NameFolding.suffixStart(folded, marker);
            if (start >= 0) {
                return new Cut(folded.substring(0, start).strip(), marker);
            }
        }
        for (String marker : branchMarkers) {
            Cut cut = mistypedBranchMarker(folded, marker);
            if (cut != null) {
                return cut;
            }
        }
        return null;
    }

    /**
     * A Chinese marker of three or more characters with two characters swapped or one typed twice (公分司,
     * 分公司司). Not a replaced or dropped one: 总公司 is the head office, and 公司 ends every company's name.
     */
    private static Cut mistypedBranchMarker(String folded, String marker) {
        if (marker.length() < 3 || !NameFolding.isHan(marker.codePointAt(0))) {
            return null;
        }
        for (int length = marker.length() + 1; length >= marker.length(); length--) {
            int start = folded.length() - length;
            if (start >= 1) {
                String tail = folded.substring(start);
                if (Slips.doubled(tail, marker) || Slips.swapped(tail, marker)) {
                    return new Cut(folded.substring(0, start).strip(), marker);
                }
            }
        }
        return null;
    }

    /**
     * Where the parent company's name ends inside a branch name: just after the last legal form in it
     * ("华为技术有限公司|上海"), or -1 when the branch name carries no legal form.
     */
    int endOfLastLegalForm(String folded) {
        int best = -1;
        for (Spelling s : forms) {
            int at = folded.lastIndexOf(s.folded());
            int end = at + s.folded().length();
            boolean whole = at > 0 && (NameFolding.isHan(s.folded().codePointAt(0)) || folded.charAt(at - 1) == ' ')
                    && (end == folded.length() || folded.charAt(end) == ' ' || NameFolding.isHan(folded.codePointAt(end)));
            if (whole && end > best) {
                best = end;
            }
        }
        return best;
    }
}
