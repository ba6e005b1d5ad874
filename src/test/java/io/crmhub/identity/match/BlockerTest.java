package io.crmhub.identity.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.identity.normalize.NormalizedCustomer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockerTest {

    private static final Blocker BLOCKER = new Blocker(MatchRules.fromClasspath().blocking());

    @Test
    void aPairSharingOnlyAPhoneIsACandidate() {
        List<NormalizedCustomer> records = List.of(
                Records.person("李娜").phone("13800138000").build(),
                Records.person("周杰").phone("13900139000").build(),
                Records.person("Lina Lee").phone("+86 138 0013 8000").build());

        BlockingResult result = BLOCKER.block(records);

        assertThat(result.pairs()).containsExactly(new CandidatePair(0, 2));
        assertThat(result.purgedBlocks()).isZero();
    }

    @Test
    void aPairSharingSeveralKeysIsComparedOnce() {
        List<NormalizedCustomer> records = List.of(
                Records.person("欧阳震华").phone("13800138000").email("ouyang@example.com").build(),
                Records.person("欧阳震华").phone("13800138000").email("ouyang@example.com").build());

        assertThat(BLOCKER.block(records).pairs()).containsExactly(new CandidatePair(0, 1));
    }

    @Test
    void roleMailboxesAndCityOnlyAddressesAreNoBlockKeys() {
        NormalizedCustomer c = Records.person("李娜").email("info@acme.cn").address("上海市").build();

        assertThat(BLOCKER.keys(c)).noneMatch(k -> k.startsWith("email:") || k.startsWith("address:"));
    }

    @Test
    void aNameThatFoldsToNothingIsNoBlockKey() {
        assertThat(BLOCKER.keys(Records.person("-").phone("13800138000").build()))
                .containsExactly("phone:+8613800138000");
    }

    @Test
    void anOversizedBlockIsPurgedAndCounted() {
        Blocker small = new Blocker(new MatchRules.Blocking(3, 4));
        String[] names = {"李娜", "王强", "刘洋", "陈静", "杨磊"};
        List<NormalizedCustomer> records = new ArrayList<>();
        for (String name : names) {
            records.add(Records.person(name).phone("021-5888 1234").build());
        }
        records.add(Records.person("李娜").email("li.na@example.com").build());

        BlockingResult result = small.block(records);

        assertThat(result.purgedBlocks()).isEqualTo(1);
        assertThat(result.pairs()).containsExactly(new CandidatePair(0, 5));
    }

    @Test
    void aWideBlockPairsOnlyRecordsThatShareASecondKey() {
        // four people on one switchboard (a block of 4, wider than narrow 3, phones narrowed): only the two who also
        // share a name are paired; the same switchboard in a block of 3 pairs everyone, and so does a rule that
        // does not narrow phones
        MatchRules.Blocking phones = new MatchRules.Blocking(10, 4, 3, java.util.Set.of("phone"));
        Blocker rules = new Blocker(phones);
        List<NormalizedCustomer> four = List.of(
                Records.person("李娜").phone("021-5888 1234").build(),
                Records.person("王强").phone("021-5888 1234").build(),
                Records.person("刘洋").phone("021-5888 1234").build(),
                Records.person("李娜").phone("021-5888 1234").email("li.na@example.com").build());

        assertThat(rules.block(four).pairs()).containsExactly(new CandidatePair(0, 3));
        assertThat(rules.block(four.subList(0, 3)).pairs()).hasSize(3);
        assertThat(new Blocker(new MatchRules.Blocking(10, 4, 3, java.util.Set.of("address"))).block(four).pairs())
                .hasSize(6);
        assertThat(new io.crmhub.identity.cluster.SortedBlocker(phones, 1).block(four).pairs())
                .containsExactly(0L << 32 | 3);
        assertThat(new io.crmhub.identity.cluster.SortedBlocker(new MatchRules.Blocking(10, 4, 3, null), 1)
                .block(four).pairs()).hasSize(6);
    }

    @Test
    void narrowCannotExceedTheBlockCap() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MatchRules.Blocking(10, 4, 11, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("narrow-block-size");
        assertThat(new MatchRules.Blocking(10, 4).narrowBlockSize()).isEqualTo(10);
    }
}
