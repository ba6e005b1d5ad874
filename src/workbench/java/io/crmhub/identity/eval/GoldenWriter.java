package io.crmhub.identity.eval;

import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.List;

/**
 * The seam between clustering and survivorship: given a cluster's members, the golden record and its per-field
 * provenance as JSON. The benchmark uses {@link FirstMemberGolden}; the survivorship rules
 * ({@code io.crmhub.identity.golden}) plug in here so the benchmark measures the real cost once they exist.
 */
public interface GoldenWriter {

    /** One source record of a cluster: its key in the source system and what matching compared. */
    record Member(String sourceKey, NormalizedCustomer record) {}

    /** @param record golden fields, canonical customer shape; @param provenance field path → where it came from */
    record Golden(String record, String provenance) {}

    /** @param members the cluster's records, first member first; never empty */
    Golden golden(List<Member> members);
}
