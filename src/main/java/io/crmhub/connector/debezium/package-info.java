/**
 * {@code graceful-debezium:<debezium endpoint>}: Camel's Debezium endpoints with a consumer that stops without
 * losing changes. Camel 4.17's own Debezium consumer closes the engine while an exchange is still in the route;
 * Debezium interrupts the thread, the exchange fails, and Debezium commits its offset anyway, so the change is
 * neither delivered nor read again. This consumer drains first and never acknowledges a change it did not deliver.
 */
package io.crmhub.connector.debezium;
