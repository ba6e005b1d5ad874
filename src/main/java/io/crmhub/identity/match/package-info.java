/**
 * Identity matching, plain Java: blocking ({@link io.crmhub.identity.match.Blocker}), pair decisions by
 * cannot-link and deterministic rules and a term-frequency-adjusted Fellegi–Sunter score
 * ({@link io.crmhub.identity.match.PairMatcher}), and their explanations. Rules, weights and thresholds come
 * from {@code mappings/identity/match-rules.yaml}. No store, Kafka or Camel: the hub, the dry run and the
 * evaluation harness all call the same code.
 */
package io.crmhub.identity.match;
