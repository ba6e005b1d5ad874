package io.crmhub.ops.cluster;

/**
 * A route that must run on one pod only: its consumer is wrapped in {@code master:<namespace>:...}.
 *
 * @param routeId the route id (= file stem under {@code routes/})
 * @param namespace the leadership namespace (a Lease {@code <prefix>-<namespace>} on Kubernetes, a lock file elsewhere)
 */
record SingletonRoute(String routeId, String namespace) {}
