/**
 * Operations metrics that Camel and the feature packages do not already export: how far each source is behind
 * (OA watermark age, shop inbox backlog) and the dead-letter backlog. Gauges that need the database or the file system
 * are recomputed on a timer (route {@code ops-gauges-refresh}); a scrape never runs SQL, and the tables are read
 * through their owners ({@code ops.deadletter.DeadLetterStore}, {@code connector.oa.OaWatermarkStore}). The CDC lag
 * metrics are the connectors' own ({@code connector.CdcLagMetrics}): a connector never imports this package.
 */
package io.crmhub.ops.metrics;
