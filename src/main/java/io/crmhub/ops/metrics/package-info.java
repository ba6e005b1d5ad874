/**
 * Operations metrics that Camel and the feature packages do not already export: how far each source is behind
 * (CDC lag, OA watermark age, shop inbox backlog) and the dead-letter backlog. Gauges that need the database or the
 * file system are recomputed on a timer (route {@code ops-gauges-refresh}); a scrape never runs SQL.
 */
package io.crmhub.ops.metrics;
