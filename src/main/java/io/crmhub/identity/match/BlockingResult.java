package io.crmhub.identity.match;

import java.util.List;

/**
 * The outcome of blocking a list of records.
 *
 * @param pairs         distinct candidate pairs, each once however many keys it shares
 * @param blocks        number of blocks (distinct keys carried by at least two records)
 * @param purgedBlocks  blocks dropped for exceeding the maximum block size (a switchboard, 王伟): reported as a
 *                      metric, since a pair found only through such a block is never compared
 */
public record BlockingResult(List<CandidatePair> pairs, int blocks, int purgedBlocks) {

    public BlockingResult {
        pairs = List.copyOf(pairs);
    }
}
