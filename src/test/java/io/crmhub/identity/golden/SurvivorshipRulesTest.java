package io.crmhub.identity.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SurvivorshipRulesTest {

    @Test
    void thePackagedRulesLoadWithEveryFieldConfigured() {
        SurvivorshipRules rules = SurvivorshipRules.fromClasspath();

        assertThat(rules.version()).isEqualTo(3);
        assertThat(rules.fields()).containsOnlyKeys(GoldenField.values());
        assertThat(rules.fields().get(GoldenField.NAME).rule()).isEqualTo(RuleName.SCRIPT_PRIORITY);
        assertThat(rules.fields().get(GoldenField.NAME).scripts()).containsExactly("han");
        assertThat(rules.fields().get(GoldenField.NAME).tieBreak()).isEqualTo(RuleName.SOURCE_PRIORITY);
        assertThat(rules.fields().get(GoldenField.NAME).systems()).startsWith("erp");
        assertThat(rules.fields().get(GoldenField.TAX_ID).systems()).startsWith("erp");
        assertThat(rules.fields().get(GoldenField.PHONES).rule()).isEqualTo(RuleName.UNION);
        assertThat(rules.fields().get(GoldenField.EMAILS).rule()).isEqualTo(RuleName.UNION);
        assertThat(rules.fields().get(GoldenField.LIFECYCLE_STATUS).ranking())
                .containsExactly("customer", "prospect", "lead");
        assertThat(rules.fields().get(GoldenField.LIFECYCLE_STATUS).mostRecentWins()).containsExactly("churned");
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("source-priority without systems", RulesYaml.base().with("name", "{rule: source-priority}"),
                        "fields.name.systems: source-priority needs a non-empty list"),
                Arguments.of("systems without source-priority",
                        RulesYaml.base().with("owner", "{rule: most-recent, systems: [erp]}"),
                        "fields.owner.systems: only for source-priority"),
                Arguments.of("a field left out", RulesYaml.base().with("owner", null), "fields.owner: missing"),
                Arguments.of("a field without a rule", RulesYaml.base().with("industry", "{tie-break: most-recent}"),
                        "fields.industry.rule: missing"),
                Arguments.of("union on a scalar", RulesYaml.base().with("name", "{rule: union, order: most-recent}"),
                        "fields.name.rule: union is for the list fields"),
                Arguments.of("a scalar rule on a list", RulesYaml.base().with("phones", "{rule: most-recent}"),
                        "fields.phones.rule: a list field takes union"),
                Arguments.of("union without order", RulesYaml.base().with("emails", "{rule: union}"),
                        "fields.emails.order: union needs an order rule"),
                Arguments.of("max of zero", RulesYaml.base().with("emails", "{rule: union, order: most-recent, max: 0}"),
                        "fields.emails.max: must be at least 1"),
                Arguments.of("max on a scalar", RulesYaml.base().with("owner", "{rule: most-recent, max: 2}"),
                        "fields.owner.max: union only"),
                Arguments.of("highest-rank without ranking", RulesYaml.base().with("kind", "{rule: highest-rank}"),
                        "fields.kind.ranking: highest-rank needs a non-empty list"),
                Arguments.of("a ranking value the enum lacks",
                        RulesYaml.base().with("lifecycle-status", "{rule: highest-rank, ranking: [customer, vip]}"),
                        "fields.lifecycle-status.ranking: 'vip' is not one of [lead, prospect, customer, churned]"),
                Arguments.of("script-priority without scripts", RulesYaml.base().with("name", "{rule: script-priority}"),
                        "fields.name.scripts: script-priority needs a non-empty list"),
                Arguments.of("scripts without script-priority",
                        RulesYaml.base().with("name", "{rule: most-recent, scripts: [han]}"),
                        "fields.name.scripts: only for script-priority"),
                Arguments.of("a script Unicode does not know",
                        RulesYaml.base().with("name", "{rule: script-priority, scripts: [hanzi]}"),
                        "fields.name.scripts: 'hanzi' is not a Unicode script name"),
                Arguments.of("script-priority on a field that is not text",
                        RulesYaml.base().with("kind", "{rule: script-priority, scripts: [han]}"),
                        "fields.kind.scripts: script-priority is for the text fields"),
                Arguments.of("script-priority ordering a union",
                        RulesYaml.base().with("emails", "{rule: union, order: script-priority, scripts: [latin]}"),
                        "fields.emails.scripts: script-priority is for the text fields"),
                Arguments.of("a ranking on a text field",
                        RulesYaml.base().with("industry", "{rule: highest-rank, ranking: [retail]}"),
                        "fields.industry.ranking: only for kind and lifecycle-status"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aBrokenFileFailsNamingTheFileAndTheKey(String scenario, RulesYaml yaml, String message) {
        assertThatThrownBy(() -> SurvivorshipRules.read(yaml.stream()))
                .hasMessageContaining(SurvivorshipRules.RESOURCE)
                .hasMessageContaining(message);
    }

    @Test
    void anUnknownKeyFailsWithItsPath() {
        RulesYaml yaml = RulesYaml.base().with("name", "{rule: most-recent, tie-braek: most-complete}");

        assertThatThrownBy(() -> SurvivorshipRules.read(yaml.stream()))
                .hasMessageStartingWith(SurvivorshipRules.RESOURCE + ": fields.name.tie-braek: ")
                .hasMessageContaining("Unrecognized field \"tie-braek\"");
    }

    @Test
    void anUnknownRuleNameFailsWithItsPath() {
        RulesYaml yaml = RulesYaml.base().with("owner", "{rule: newest}");

        assertThatThrownBy(() -> SurvivorshipRules.read(yaml.stream()))
                .hasMessageStartingWith(SurvivorshipRules.RESOURCE + ": fields.owner.rule: ")
                .hasMessageContaining("newest");
    }

    @Test
    void anUnknownFieldFailsWithItsName() {
        RulesYaml yaml = RulesYaml.base().with("fax", "{rule: most-recent}");

        assertThatThrownBy(() -> SurvivorshipRules.read(yaml.stream()))
                .hasMessageStartingWith(SurvivorshipRules.RESOURCE + ": fields: ")
                .hasMessageContaining("from String \"fax\"")
                .hasMessageContaining("tax-id");
    }

    @Test
    void aMissingVersionFails() {
        String yaml = RulesYaml.base().text().replace("version: 1\n", "");

        assertThatThrownBy(() -> SurvivorshipRules.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .hasMessage(SurvivorshipRules.RESOURCE + ": version: missing or below 1");
    }

    @Test
    void aTieBreakMayUseSourcePriorityAndTheListIsRead() {
        SurvivorshipRules rules = RulesYaml.base()
                .with("kind", "{rule: most-frequent, tie-break: source-priority, systems: [erp, partner]}")
                .survivorship().rules();

        FieldRule kind = rules.fields().get(GoldenField.KIND);
        assertThat(kind.tieBreak()).isEqualTo(RuleName.SOURCE_PRIORITY);
        assertThat(kind.systems()).containsExactly("erp", "partner");
    }
}
