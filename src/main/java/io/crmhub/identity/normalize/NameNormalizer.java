package io.crmhub.identity.normalize;

/**
 * Person and company names → {@link NormalizedName}. Company names lose their legal form for matching
 * ("Acme Co., Ltd." and "ACME Company Limited" both key as "acme") but keep their branch marker as a flag.
 * Thread-safe: the lists are read once and never change.
 */
public final class NameNormalizer {

    private final LegalForms legalForms;

    NameNormalizer(LegalForms legalForms) {
        this.legalForms = legalForms;
    }

    /** Legal forms and branch markers from {@code mappings/identity/legal-forms.yaml} on the classpath. */
    public static NameNormalizer fromClasspath() {
        return new NameNormalizer(LegalForms.load());
    }

    /** A person's name: folded only; a person has no legal form and no branches. Null for blank. */
    public NormalizedName person(String raw) {
        String display = Texts.clean(raw);
        if (display == null) {
            return null;
        }
        String folded = NameFolding.fold(display);
        String key = folded.equals(display) ? display : folded; // one copy of the many names folding leaves as they are
        return new NormalizedName(display, key, NameFolding.tokens(key), false, null);
    }

    /** A company's name: folded, branch marker flagged, legal forms cut. Null for blank. */
    public NormalizedName company(String raw) {
        String display = Texts.clean(raw);
        if (display == null) {
            return null;
        }
        String folded = NameFolding.fold(display);
        LegalForms.Cut branch = legalForms.cutBranchMarker(folded);
        String parent = branch == null ? folded : branch.rest();
        String place = "";
        if (branch != null) {
            // 华为技术有限公司上海分公司: the parent's name ends with its legal form, the branch's place follows.
            int end = legalForms.endOfLastLegalForm(parent);
            if (end > 0) {
                place = parent.substring(end).strip();
                parent = parent.substring(0, end);
            }
        }
        Core core = stripLegalForms(parent);
        String key = place.isEmpty() ? core.key() : core.key() + " " + place;
        return new NormalizedName(display, key, NameFolding.tokens(key), branch != null, core.legalForm());
    }

    private record Core(String key, String legalForm) {}

    /** Cuts legal forms until none is left ("acme group co ltd" → "acme"); reports the outermost one. */
    private Core stripLegalForms(String folded) {
        String key = folded;
        String outermost = null;
        for (LegalForms.Cut cut = legalForms.cutLegalForm(key); cut != null; cut = legalForms.cutLegalForm(key)) {
            key = cut.rest();
            outermost = outermost == null ? cut.form() : outermost;
        }
        return new Core(key, outermost);
    }
}
