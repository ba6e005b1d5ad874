package io.crmhub.api.security;

import java.util.Set;

/** The scopes a partner credential can carry; each API operation needs one. */
public final class Scopes {

    /** Read golden customers, search, a customer's orders, payments and interactions. */
    public static final String CUSTOMERS_READ = "customers:read";
    /** Create and update the partner's own customer records (source {@code partner:<id>}). */
    public static final String CUSTOMERS_WRITE = "customers:write";
    /** Read the KPIs. */
    public static final String KPIS_READ = "kpis:read";
    /** Data stewards: the identity admin API (merge, unmerge, reviews, re-evaluation). */
    public static final String IDENTITY_ADMIN = "identity:admin";
    /** Operators: the dead-letter API (list, inspect, replay). */
    public static final String OPERATIONS_ADMIN = "operations:admin";

    public static final Set<String> ALL = Set.of(CUSTOMERS_READ, CUSTOMERS_WRITE, KPIS_READ, IDENTITY_ADMIN,
            OPERATIONS_ADMIN);

    private Scopes() {}

    /** The Spring Security authority of a scope. */
    public static String authority(String scope) {
        return "SCOPE_" + scope;
    }
}
