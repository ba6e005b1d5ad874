package io.crmhub.connector.oa;

import java.util.Arrays;

/** The OA record kinds the hub reads, each with its SOAP operation (see connectors/oa/oa-service.wsdl). */
public enum OaEntity {
    CONTACTS("contacts", "getContactChanges"),
    VISITS("visits", "getVisitChanges"),
    CONTRACTS("contracts", "getContractChanges"),
    TICKETS("tickets", "getTicketChanges"),
    SURVEYS("surveys", "getSurveyChanges");

    private final String id;
    private final String operation;

    OaEntity(String id, String operation) {
        this.id = id;
        this.operation = operation;
    }

    /** Source entity name in events, mappings ({@code mappings/oa/<id>.yaml}) and the watermark table. */
    public String id() {
        return id;
    }

    /** The WSDL operation that pages through this entity's changes. */
    public String operation() {
        return operation;
    }

    public static OaEntity fromId(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown OA entity '" + id + "'"));
    }

    public static OaEntity fromOperation(String operation) {
        return Arrays.stream(values()).filter(e -> e.operation.equals(operation)).findFirst().orElse(null);
    }
}
