/**
 * {@code graceful-debezium:<debezium endpoint>}: Camel's Debezium endpoints with a consumer that stops without
 * losing changes. Camel 4.17's own Debezium consumer closes the engine while an exchange is still in the route;
 * Debezium interrupts the thread, the exchange fails, and Debezium commits its offset anyway, so the change is
 * neither delivered nor read again. This consumer takes Debezium's batches whole (one exchange per batch), drains
 * first and never acknowledges a batch the route did not complete.
 */
package io.crmhub.connector.debezium;
