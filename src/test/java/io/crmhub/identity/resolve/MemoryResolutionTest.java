package io.crmhub.identity.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.Customer;
import io.crmhub.identity.match.MatchRules;
import io.crmhub.identity.normalize.CustomerNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The store's engine over memory (what the dry run previews a backfill with), batch by batch: duplicates across
 * batches join, a record bridging two golden customers merges them with the oldest keeping its id, and what only the
 * store's one-by-one path can decide is refused up front instead of being decided wrongly.
 */
class MemoryResolutionTest {

    private static final CustomerNormalizer NORMALIZER = CustomerNormalizer.fromClasspath("CN");

    private final MemoryResolution engine = new MemoryResolution(MatchRules.fromClasspath(), NORMALIZER, "test");

    @Test
    void aRecordOfALaterBatchJoinsOrMergesTheGoldenCustomersOfEarlierOnes() {
        String taxId = Customers.validTaxId();
        String email = Customers.uniqueEmail("li.na");
        // A and B in batches of their own: A's golden customer is the older one, so it survives the merge (two created
        // in one batch share a creation time and the tie goes by their random ids, as in the store)
        engine.resolve(List.of(arrival(Customers.customer("mem", "A").organisation().name("上海华信科技有限公司")
                .taxId(taxId).event())));
        engine.resolve(List.of(arrival(Customers.customer("mem", "B").organisation().name("北京远景贸易有限公司")
                .email(email).event())));
        engine.resolve(List.of(arrival(Customers.customer("mem", "C").organisation().name("华信科技")
                .taxId(taxId).email(email).event())));

        Map<String, MemoryResolution.Placement> placed = placements();
        assertThat(placed.get("A").golden()).isNotNull();
        assertThat(placed.values()).extracting(MemoryResolution.Placement::golden).containsOnly(placed.get("A").golden());
        assertThat(placed.values()).extracting(MemoryResolution.Placement::size).containsOnly(3);
        assertThat(placed.get("C").rule()).isEqualTo("same-tax-id");
        assertThat(placed.get("C").via().key()).isEqualTo("A");
        assertThat(placed.values()).extracting(p -> p.first().key()).containsOnly("A");
        assertThat(engine.decisions(DecisionKind.MERGED)).isEqualTo(1);
    }

    @Test
    void ofTwoGoldenCustomersCreatedInOneBatchTheFirstCreatedSurvivesTheirMergeInEveryRun() {
        // the store breaks that tie by random ids; the preview by creation order, so two runs agree link for link
        for (int run = 0; run < 16; run++) {
            MemoryResolution fresh = new MemoryResolution(MatchRules.fromClasspath(), NORMALIZER, "test");
            String taxId = Customers.validTaxId();
            String email = Customers.uniqueEmail("wang.fang");
            fresh.resolve(List.of(
                    arrival(Customers.customer("mem", "F").organisation().name("杭州云帆网络有限公司").taxId(taxId)
                            .event()),
                    arrival(Customers.customer("mem", "G").organisation().name("深圳南山电子有限公司").email(email)
                            .event())));
            fresh.resolve(List.of(arrival(Customers.customer("mem", "H").organisation().name("云帆网络")
                    .taxId(taxId).email(email).event())));

            List<MemoryResolution.Placement> all = new ArrayList<>();
            fresh.placements(all::add);
            Map<String, MemoryResolution.Placement> placed = all.stream()
                    .collect(Collectors.toMap(p -> p.ref().key(), p -> p));
            assertThat(placed.values()).extracting(MemoryResolution.Placement::golden)
                    .containsOnly(placed.get("F").golden());
            assertThat(placed.get("H").via().key()).as("run %d", run).isEqualTo("F");
            assertThat(placed.get("H").rule()).isEqualTo("same-tax-id");
            assertThat(fresh.decisions(DecisionKind.MERGED)).isEqualTo(1);
        }
    }

    @Test
    void aRecordArrivesOnceAndAsACustomer() {
        CanonicalEvent first = Customers.customer("mem", "D").name("张伟").phone(Customers.uniqueMobile()).event();
        engine.resolve(List.of(arrival(first)));
        UUID golden = placements().get("D").golden();

        assertThatThrownBy(() -> engine.resolve(List.of(arrival(Customers.customer("mem", "D").name("张伟")
                .phone(Customers.uniqueMobile()).event())))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mem:customers:D arrived before");
        CanonicalEvent e = Customers.customer("mem", "E").name("王芳").event();
        assertThatThrownBy(() -> engine.resolve(List.of(arrival(e), arrival(e))))
                .hasMessageContaining("mem:customers:E arrived before");
        // a refused batch leaves nothing behind: E was never stored, D is where it was
        assertThat(engine.holds(arrival(e).ref())).isFalse();
        assertThat(placements()).containsOnlyKeys("D");
        assertThat(placements().get("D").golden()).isEqualTo(golden);
    }

    @Test
    void aBatchLargerThanTheEngineWasMadeForIsRefusedWhole() {
        MemoryResolution small = new MemoryResolution(MatchRules.fromClasspath(), NORMALIZER, "test", 2);
        List<MemoryResolution.Arrival> three = List.of(
                arrival(Customers.customer("mem", "J").name("李娜").phone(Customers.uniqueMobile()).event()),
                arrival(Customers.customer("mem", "K").name("刘洋").phone(Customers.uniqueMobile()).event()),
                arrival(Customers.customer("mem", "L").name("陈静").phone(Customers.uniqueMobile()).event()));

        assertThatThrownBy(() -> small.resolve(three)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a batch of 3 records, more than the 2");
        assertThat(small.holds(three.get(0).ref())).isFalse();
        small.resolve(three.subList(0, 2));
        assertThat(small.holds(three.get(0).ref())).isTrue();
        assertThat(small.holds(three.get(1).ref())).isTrue();
    }

    private Map<String, MemoryResolution.Placement> placements() {
        List<MemoryResolution.Placement> all = new ArrayList<>();
        engine.placements(all::add);
        return all.stream().collect(Collectors.toMap(p -> p.ref().key(), p -> p));
    }

    private static MemoryResolution.Arrival arrival(CanonicalEvent event) {
        try {
            Customer customer = CanonicalJson.mapper().treeToValue(event.payload(), Customer.class);
            return new MemoryResolution.Arrival(event.source(), customer, NORMALIZER.normalize(customer));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
