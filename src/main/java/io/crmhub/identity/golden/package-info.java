/**
 * Golden-record survivorship, plain Java: given the source records linked to one golden customer
 * ({@link io.crmhub.identity.golden.SourceMember}), {@link io.crmhub.identity.golden.Survivorship} chooses every
 * field by the rules in {@code mappings/identity/survivorship.yaml} and records, per field, which source record,
 * position, mapping version and rule produced it. No store, Kafka or Camel: the resolver, the dry run and tests
 * call the same pure function, and its result depends only on the set of members, never on their order.
 */
package io.crmhub.identity.golden;
