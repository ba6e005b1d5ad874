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
}
