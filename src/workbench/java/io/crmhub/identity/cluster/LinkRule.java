package io.crmhub.identity.cluster;

/**
 * Why a record joined its cluster, as identity_link.rule spells it. Declared strongest first: unions are made
 * in this order, so a deterministic link is never refused because a weaker scored link filled the cluster.
 */
public enum LinkRule {
    SAME_TAX_ID("same-tax-id"),
    SAME_EMAIL("same-email"),
    SAME_PHONE("same-phone-similar-name"),
    SCORE("score"),
    /** The first member of its cluster: linked by nothing. */
    NEW("new");

    private final String label;

    LinkRule(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The rule of a MERGE explanation: its deterministic rule, or the score when none decided. */
    static LinkRule of(String explanationRule) {
        if (explanationRule == null) {
            return SCORE;
        }
        for (LinkRule r : values()) {
            if (r.label.equals(explanationRule)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown merge rule " + explanationRule);
    }
}
