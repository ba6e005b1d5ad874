package io.crmhub.identity.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.Customer.LifecycleStatus;
import io.crmhub.canonical.Customer.PartyKind;
import io.crmhub.canonical.Customer.Phone;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.UnifiedSocialCreditCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchClustererTest {

    private static final CustomerNormalizer NORMALIZER = CustomerNormalizer.fromClasspath("CN");
    private static final MatchRules RULES = MatchRules.fromClasspath();

    @Test
    void aChainThroughAnEmailCannotJoinTwoTaxIds() {
        String taxA = tax("91310115MA1K3XB20");
        String taxB = tax("91440300MA5D8QW41");
        List<NormalizedCustomer> records = List.of(
                company("华信科技有限公司", taxA, "li.na@huaxin.com.cn"),
                company("华信科技", null, "li.na@huaxin.com.cn"),
                company("华信科技股份有限公司", taxB, "li.na@huaxin.com.cn"));

        Clusters clusters = new BatchClusterer(RULES, 1).run(records);

        assertThat(clusters.clusterOf()[0]).isNotEqualTo(clusters.clusterOf()[2]);
        assertThat(clusters.stats().cannotLinkUnions()).isEqualTo(1);
        assertThat(clusters.rule()[1]).isEqualTo(LinkRule.SAME_EMAIL);
    }

    @Test
    void aChainThroughAnEmailCannotJoinTwoResidentIds() {
        List<NormalizedCustomer> records = List.of(
                resident("王芳", "110105199003070025", "wang.fang@example.cn"),
                resident("王芳", null, "wang.fang@example.cn"),
                resident("王芳", "31011519850612123X", "wang.fang@example.cn"));

        Clusters clusters = new BatchClusterer(RULES, 1).run(records);

        assertThat(clusters.clusterOf()[0]).isNotEqualTo(clusters.clusterOf()[2]);
        assertThat(clusters.stats().cannotLinkUnions()).isEqualTo(1);
    }

    private static NormalizedCustomer resident(String name, String residentId, String email) {
        return NORMALIZER.normalize(new Customer("P", PartyKind.PERSON, name, null, List.of(email), List.of(),
                List.of(), null, null, null, LifecycleStatus.CUSTOMER, null, residentId == null ? null
                : List.of(new Customer.Document(Customer.DocumentType.CN_RESIDENT_ID, residentId, "CN"))));
    }

    @Test
    void clustersNeverGrowPastTheCapAndTheRefusalsAreCounted() {
        MatchRules capped = new MatchRules(RULES.version(), RULES.thresholds(), RULES.deterministic(),
                RULES.cannotLink(), RULES.nameSimilarity(), RULES.fields(), RULES.blocking(),
                new MatchRules.Clustering(3));
        List<NormalizedCustomer> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(company("华信科技有限公司", tax("91310115MA1K3XB20"), null));
        }

        Clusters clusters = new BatchClusterer(capped, 2).run(records);

        assertThat(clusters.stats().largestCluster()).isEqualTo(3);
        assertThat(clusters.stats().cappedUnions()).isPositive();
        assertThat(clusters.clusterOf()).containsExactly(0, 0, 0, 3, 3);
        assertThat(clusters.via()[0]).isEqualTo(-1);
        assertThat(clusters.rule()[1]).isEqualTo(LinkRule.SAME_TAX_ID);
    }

    @Test
    void sortedBlockingFindsTheSamePairsAsTheMapBlocker() {
        List<NormalizedCustomer> records = List.of(
                person("李娜", "13800138000"), person("周杰", "13900139000"), person("Lina Lee", "+86 138 0013 8000"),
                person("李娜", "13700137000"));

        SortedBlocker.Result result = new SortedBlocker(RULES.blocking(), 2).block(records);

        assertThat(result.pairs()).containsExactly(pair(0, 2), pair(0, 3));
    }

    private static long pair(int left, int right) {
        return (long) left << 32 | right;
    }

    private static String tax(String first17) {
        return first17 + UnifiedSocialCreditCode.checkChar(first17);
    }

    private static NormalizedCustomer company(String name, String taxId, String email) {
        return NORMALIZER.normalize(new Customer("C", PartyKind.ORGANISATION, name, null,
                email == null ? List.of() : List.of(email), List.of(), List.of(), taxId, null, null,
                LifecycleStatus.CUSTOMER));
    }

    private static NormalizedCustomer person(String name, String phone) {
        return NORMALIZER.normalize(new Customer("P", PartyKind.PERSON, name, null, List.of(),
                List.of(new Phone(phone, "unknown")), List.of(), null, null, null, LifecycleStatus.CUSTOMER));
    }
}
