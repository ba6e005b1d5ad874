package io.crmhub.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One ERP transaction of the load, generated before the timed commits start: a parameter row per change, by
 * statement ({@link ErpStatements} binds them in this order). Generating ahead keeps the load generator's CPU out
 * of the measured window, so that the ERP side commits as fast as PostgreSQL takes it.
 */
final class ErpBatch {

    final List<Object[]> customers = new ArrayList<>();
    final List<Object[]> updates = new ArrayList<>();
    final List<Object[]> orders = new ArrayList<>();
    final List<Object[]> lines = new ArrayList<>();
    final List<Object[]> payments = new ArrayList<>();
}
