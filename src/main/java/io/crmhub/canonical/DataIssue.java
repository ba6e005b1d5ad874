package io.crmhub.canonical;

/**
 * A value the mapping left out of an otherwise valid record (e.g. a junk phone number next to a good one),
 * so the record is kept and the problem is still on record. Reasons never show personal data in clear.
 *
 * @param field  {@code <source entity>.<canonical field>}
 * @param reason why the value was left out
 */
public record DataIssue(String field, String reason) {}
