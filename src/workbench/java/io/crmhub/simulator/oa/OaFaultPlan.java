package io.crmhub.simulator.oa;

import io.crmhub.connector.oa.OaEntity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Faults the simulator serves on purpose, for tests: each once, on a chosen request of one entity. */
public final class OaFaultPlan {

    public enum Fault {
        /** a SOAP fault with code soap:Server (HTTP 500) */
        SOAP_FAULT,
        /** HTTP 503 with an HTML body, as a proxy in front of the OA would answer */
        HTTP_503,
        /** HTTP 200 with a truncated, unparseable XML page */
        MALFORMED_XML,
        /** the real page, but only after {@link #slowMillis()} */
        SLOW
    }

    private static final class Planned {
        final OaEntity entity;
        final Fault fault;
        int requestsToPass;

        Planned(OaEntity entity, Fault fault, int requestsToPass) {
            this.entity = entity;
            this.fault = fault;
            this.requestsToPass = requestsToPass;
        }
    }

    private final List<Planned> planned = new ArrayList<>();
    private final long slowMillis;
    private int fired;
    private volatile boolean controlCharacterReferences;

    public OaFaultPlan(long slowMillis) {
        this.slowMillis = slowMillis;
    }

    /** Serves {@code fault} once, on the request for {@code entity} after the next {@code requestsToPass}. */
    public synchronized void inject(OaEntity entity, Fault fault, int requestsToPass) {
        planned.add(new Planned(entity, fault, requestsToPass));
    }

    /** Called for each request: the fault to serve now, or null. */
    synchronized Fault next(OaEntity entity) {
        for (Iterator<Planned> it = planned.iterator(); it.hasNext();) {
            Planned p = it.next();
            if (p.entity == entity) {
                if (p.requestsToPass-- > 0) {
                    return null;
                }
                it.remove();
                fired++;
                return p.fault;
            }
        }
        return null;
    }

    /** How many planned faults were served so far. */
    public synchronized int fired() {
        return fired;
    }

    public synchronized boolean pending() {
        return !planned.isEmpty();
    }

    /**
     * While on, every page is written with its C0 control characters as character references ({@code &#1;}), as some
     * servers' XML writers do, instead of raw bytes: XML 1.0 allows neither.
     */
    public void controlCharactersAsReferences(boolean on) {
        controlCharacterReferences = on;
    }

    boolean controlCharactersAsReferences() {
        return controlCharacterReferences;
    }

    public long slowMillis() {
        return slowMillis;
    }
}
