package io.crmhub.identity.cluster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.crmhub.WorkbenchBoundaryTest;
import org.junit.jupiter.api.Test;

/**
 * Architecture rule of batch clustering, with its reason (kept beside the package it guards). The package is
 * workbench code (src/workbench/java), so the rule reads the workbench's classes directory.
 */
class ClusterArchitectureTest {

    static final ArchRule clusteringIsPlainJava = noClasses().that().resideInAPackage("io.crmhub.identity.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.springframework..",
                    "org.apache.kafka..", "io.debezium..", "io.crmhub.mapping..", "io.crmhub.store..",
                    "io.crmhub.connector..", "io.crmhub.identity.eval..", "io.crmhub.identity.dryrun..", "java.sql..")
            .because("the dry run, the evaluation harness and any batch re-clustering share one clustering, "
                    + "which must run without a store, a context or a transport");

    @Test
    void clusteringIsPlainJava() {
        clusteringIsPlainJava.check(new ClassFileImporter().importPath(WorkbenchBoundaryTest.workbenchClasses()));
    }
}
