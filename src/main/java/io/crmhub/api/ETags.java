package io.crmhub.api;

import io.crmhub.partner.Precondition;

/** Strong ETags from record versions ({@code "7"}), and the preconditions partners send back. */
final class ETags {

    private ETags() {}

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an If-None-Match names ({@code "7"} or {@code W/"7"}; GET compares weakly), or -1 when it names
     * none of ours (absent, {@code *}, a list, anything else).
     */
    static long version(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return -1;
        }
        String value = ifNoneMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() < 3 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return -1;
        }
        try {
            long version = Long.parseLong(value, 1, value.length() - 1, 10);
            return version >= 0 ? version : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
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
