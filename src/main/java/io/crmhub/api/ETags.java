package io.crmhub.api;

import io.crmhub.partner.Precondition;

/** Strong ETags from record versions ({@code "7"}), and the preconditions partners send back. */
final class ETags {

    private ETags() {}

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * If-Match {@code *} or a version (quoted, weak or not); If-None-Match {@code *}. A value that is not one
     * of our ETags can match no version: it becomes version -1, answered 412.
     */
    static Precondition precondition(String ifMatch, String ifNoneMatch) {
        boolean createOnly = ifNoneMatch != null && ifNoneMatch.strip().equals("*");
        if (ifMatch == null || ifMatch.isBlank()) {
            return new Precondition(null, false, createOnly);
        }
        String value = ifMatch.strip();
        if (value.equals("*")) {
            return new Precondition(null, true, createOnly);
        }
        String bare = value.replaceFirst("^W/", "").replace("\"", "");
        try {
            return new Precondition(Long.parseLong(bare), false, createOnly);
        } catch (NumberFormatException e) {
            return new Precondition(-1L, false, createOnly);
        }
    }
}
