package io.crmhub.identity.match;

/**
 * How one field contributed to a pair's score. Holds no field value, so an explanation can be logged.
 *
 * @param field      the field
 * @param level      its comparison level (the strongest when several values were shared)
 * @param weight     the weight in bits that went into the score, after term-frequency adjustment
 * @param tfAdjusted whether the term frequency of the shared value lowered the configured weight
 */
public record FieldComparison(Field field, Level level, double weight, boolean tfAdjusted) {}
