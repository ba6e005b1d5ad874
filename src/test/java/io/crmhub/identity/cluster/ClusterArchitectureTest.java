package io.crmhub.identity.cluster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Architecture rule of batch clustering, with its reason (kept beside the package it guards). */
@AnalyzeClasses(packages = "io.crmhub.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class ClusterArchitectureTest {

    @ArchTest
    static final ArchRule clusteringIsPlainJava = noClasses().that().resideInAPackage("io.crmhub.identity.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..",
                    "org.apache.kafka..", "io.debezium..", "io.crmhub.mapping..", "io.crmhub.store..",
                    "io.crmhub.connector..", "io.crmhub.identity.eval..", "io.crmhub.identity.dryrun..", "java.sql..")
            .because("the dry run, the evaluation harness and any batch re-clustering share one clustering, "
                    + "which must run without a store, a context or a transport");
}
