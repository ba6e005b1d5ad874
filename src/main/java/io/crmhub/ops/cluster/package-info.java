/**
 * Leader election: exactly one hub instance runs each singleton consumer (ERP CDC, OA polling, shop inbox) while
 * every instance consumes Kafka; the leader holds leadership only while healthy. See {@code k8s/README.md}.
 */
package io.crmhub.ops.cluster;
