package io.crmhub.identity.golden;

/**
 * One value one member offers for a golden field.
 *
 * @param value  the value as the member carries it
 * @param key    its comparison form ({@link Values#key})
 * @param member the member carrying it
 * @param index  its place in the member's list (0 for scalars); the member's own order is the last tie-break
 */
record Candidate(Object value, String key, SourceMember member, int index) {}
