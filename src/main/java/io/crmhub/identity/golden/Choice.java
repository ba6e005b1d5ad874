package io.crmhub.identity.golden;

/** A value that survived, and the rule name its provenance records. */
record Choice(Candidate candidate, String rule) {}
