package io.crmhub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Architecture rules, each with its reason. */
@AnalyzeClasses(packages = "io.crmhub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule canonicalModelIsFreeOfFrameworks = noClasses().that().resideInAPackage("io.crmhub.canonical..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..",
                    "org.apache.kafka..", "io.debezium..")
            .because("the canonical model is the contract every source, sink and partner shares; "
                    + "it must not change when a transport or framework does");

    @ArchTest
    static final ArchRule mappingDoesNotKnowTransports = noClasses().that().resideInAPackage("io.crmhub.mapping..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.apache.kafka..",
                    "io.debezium..")
            .because("mappings turn plain source rows into canonical records whatever the transport; "
                    + "conversion from Debezium, CXF or CSV types happens at the connector boundary");

    @ArchTest
    static final ArchRule storeDoesNotKnowSources = noClasses().that().resideInAPackage("io.crmhub.store..")
            .should().dependOnClassesThat().resideInAnyPackage("io.crmhub.connector..", "io.debezium..")
            .because("the store applies canonical events only, so every source gets the same exactly-once effect");

    @ArchTest
    static final ArchRule normalisationIsPlainJava = noClasses().that()
            .resideInAnyPackage("io.crmhub.identity.normalize..", "io.crmhub.identity.match..",
                    "io.crmhub.identity.golden..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..",
                    "org.apache.kafka..", "io.debezium..", "io.crmhub.mapping..", "io.crmhub.store..",
                    "io.crmhub.connector..")
            .because("mapping, matching, the dry-run command and the evaluation harness all share one notion of "
                    + "'the same value' and 'the same customer', and the resolver and the dry run one notion of "
                    + "'the golden value', so normalisation, matching and survivorship must run anywhere, "
                    + "without a context or a transport");

    @ArchTest
    static final ArchRule productDoesNotUseTheWorkbench = noClasses().that()
            .resideOutsideOfPackages(WorkbenchBoundaryTest.WORKBENCH_PACKAGES)
            .should().dependOnClassesThat().resideInAnyPackage(WorkbenchBoundaryTest.WORKBENCH_PACKAGES)
            .because("the demo simulators, the identity evaluation and the dry run are the workbench "
                    + "(src/workbench), outside the product jar and image; the hub must run without them");

    // Layers (docs/architecture.md): canonical < identity.normalize/match/golden (plain Java) < mapping, messaging,
    // config < connector, store < identity.resolve, kpi, ops.deadletter < partner, ops < api. A package may use the
    // layers below it; the rules below hold the boundaries that were crossed upwards before.

    @ArchTest
    static final ArchRule connectorsDoNotDependOnOperations = noClasses().that().resideInAPackage("io.crmhub.connector..")
            .should().dependOnClassesThat().resideInAnyPackage("io.crmhub.ops..", "io.crmhub.partner..",
                    "io.crmhub.api..", "io.crmhub.identity.resolve..", "io.crmhub.kpi..", "io.crmhub.store..")
            .because("a connector only turns a source's changes into canonical events; operations (metrics, dead "
                    + "letters, backfill) build on connectors, so what a connector needs from them (the CDC lag "
                    + "metrics, the dead-letter mark) lives in connector or messaging");

    @ArchTest
    static final ArchRule storeDoesNotDependOnItsReaders = noClasses().that().resideInAPackage("io.crmhub.store..")
            .should().dependOnClassesThat().resideInAnyPackage("io.crmhub.identity..", "io.crmhub.kpi..",
                    "io.crmhub.ops..", "io.crmhub.partner..", "io.crmhub.api..", "io.crmhub.mapping..",
                    "io.crmhub.config..")
            .because("the store owns the record tables and change_log; identity, KPIs, replay and backfill read "
                    + "them through its API (StoredRecords) and hook in through AppliedChangeListener");

    @ArchTest
    static final ArchRule lowerLayersDoNotDependOnUpperOnes = noClasses().that()
            .resideInAnyPackage("io.crmhub.mapping..", "io.crmhub.messaging..", "io.crmhub.config..")
            .should().dependOnClassesThat().resideInAnyPackage("io.crmhub.connector..", "io.crmhub.store..",
                    "io.crmhub.ops..", "io.crmhub.partner..", "io.crmhub.api..", "io.crmhub.kpi..",
                    "io.crmhub.identity.resolve..", "io.crmhub.simulator..")
            .because("mapping, messaging and configuration are used by every connector and by the store; "
                    + "an import from above would tie them to a feature (config once read ops.retention's properties)");

    @ArchTest
    static final ArchRule featuresDoNotDependOnOperationsOrTheApi = noClasses().that()
            .resideInAnyPackage("io.crmhub.identity.resolve..", "io.crmhub.kpi..", "io.crmhub.ops.deadletter..")
            .should().dependOnClassesThat().resideInAnyPackage("io.crmhub.partner..", "io.crmhub.api..",
                    "io.crmhub.ops.replay..", "io.crmhub.ops.backfill..", "io.crmhub.ops.retention..",
                    "io.crmhub.ops.metrics..", "io.crmhub.ops.cluster..")
            .because("identity, KPIs and the dead-letter table are owners other packages call; "
                    + "a call back up would make the owners depend on their callers");

    @ArchTest
    static final ArchRule operationsAndPartnersDoNotDependOnTheApi = noClasses().that()
            .resideInAnyPackage("io.crmhub.ops..", "io.crmhub.partner..")
            .should().dependOnClassesThat().resideInAnyPackage("io.crmhub.api..")
            .because("REST and SOAP are adapters over the services; services run without them (backfill command)");
}
