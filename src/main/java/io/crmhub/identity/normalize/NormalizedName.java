package io.crmhub.identity.normalize;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A person's or company's name, ready for matching.
 *
 * @param display   the name as shown: half-width, whitespace collapsed, case kept
 * @param matchKey  folded name without legal form or branch marker, words separated by one space
 *                  ("华为技术 上海" for 华为技术有限公司上海分公司); compare and block on this
 * @param tokens    the words of {@code matchKey}; a run of Han characters is one word
 * @param branch    the name is a branch's (分公司, Branch): a branch is its own entity and must not merge
 *                  with its parent company, so matching treats differing flags as a cannot-link
 * @param legalForm the legal form as listed in legal-forms.yaml ("有限公司", "Co., Ltd."), or null
 */
public record NormalizedName(String display, String matchKey, List<String> tokens, boolean branch,
                             String legalForm) {

    public NormalizedName {
        // words and legal forms recur across names: one copy each; a one-word name's word is its match key
        tokens = tokens.size() == 1 && tokens.get(0).equals(matchKey) ? List.of(matchKey) : shared(tokens);
        legalForm = Texts.shared(legalForm);
    }

    private static List<String> shared(List<String> tokens) {
        String[] out = new String[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Texts.shared(tokens.get(i));
        }
        return Collections.unmodifiableList(Arrays.asList(out)); // like Stream.toList: a null word stays null
    }
}
