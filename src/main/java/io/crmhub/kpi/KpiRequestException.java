package io.crmhub.kpi;

/** A KPI request that cannot be answered as asked: the message says which parameter and why. */
public class KpiRequestException extends RuntimeException {

    private final boolean notFound;

    KpiRequestException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public boolean notFound() {
        return notFound;
    }
}
