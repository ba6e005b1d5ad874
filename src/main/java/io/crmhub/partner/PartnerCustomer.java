package io.crmhub.partner;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer as a partner writes it, in canonical field names (the request body of the upsert, REST and SOAP).
 * Checked here for shape and size; values are then mapped by {@code mappings/partner/customers.yaml} like any
 * source's (e-mail syntax, phone numbers), whose errors name the field too. Enumerations are strings so an
 * unknown value is a 400 naming the field rather than an unreadable body. The tax id's check character is
 * checked by {@link PartnerValidation}.
 */
public record PartnerCustomer(
        @Size(max = 64) String number,
        @NotBlank @Pattern(regexp = "PERSON|ORGANISATION", message = "must be PERSON or ORGANISATION") String kind,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) String contactName,
        @Size(max = 5) List<@NotBlank @Size(max = 254) String> emails,
        @Size(max = 5) List<@NotBlank @Size(max = 40) String> phones,
        @Valid Address address,
        @Size(max = 40) @Pattern(regexp = "[0-9A-Za-z -]*", message = "may hold only letters, digits, spaces and -")
        String taxId,
        @Size(max = 100) String industry,
        @Size(max = 100) String owner,
        @Pattern(regexp = "LEAD|PROSPECT|CUSTOMER|CHURNED", message = "must be LEAD, PROSPECT, CUSTOMER or CHURNED")
        String lifecycleStatus,
        @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be an ISO date (yyyy-mm-dd)") String birthDate,
        @Valid Document document) {

    /** A person's identity document; a China resident id's check character is checked by {@link PartnerValidation}. */
    public record Document(
            @NotBlank @Pattern(regexp = "CN_RESIDENT_ID|PASSPORT|NATIONAL_ID|OTHER",
                    message = "must be CN_RESIDENT_ID, PASSPORT, NATIONAL_ID or OTHER") String type,
            @NotBlank @Size(max = 40) @Pattern(regexp = "[0-9A-Za-z -]*",
                    message = "may hold only letters, digits, spaces and -") String number,
            @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String issuingCountry) {}

    /** @param country ISO 3166-1 alpha-2 */
    public record Address(
            @NotBlank @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country,
            @Size(max = 100) String province,
            @Size(max = 100) String city,
            @Size(max = 300) String street,
            @Size(max = 20) String postalCode) {}

    /** The columns {@code mappings/partner/customers.yaml} reads. */
    public Map<String, Object> row() {
        Map<String, Object> row = new HashMap<>();
        put(row, "number", number);
        put(row, "kind", kind);
        put(row, "name", name);
        put(row, "contact_name", contactName);
        indexed(row, "email_", emails);
        indexed(row, "phone_", phones);
        if (address != null) {
            put(row, "address_country", address.country());
            put(row, "address_province", address.province());
            put(row, "address_city", address.city());
            put(row, "address_street", address.street());
            put(row, "address_postal_code", address.postalCode());
        }
        put(row, "tax_id", taxId);
        put(row, "industry", industry);
        put(row, "owner", owner);
        put(row, "lifecycle_status", lifecycleStatus);
        put(row, "birth_date", birthDate);
        if (document != null) {
            put(row, "document_type", document.type());
            put(row, "document_number", document.number());
            put(row, "document_country", document.issuingCountry());
        }
        return row;
    }

    private static void indexed(Map<String, Object> row, String prefix, List<String> values) {
        for (int i = 0; values != null && i < values.size(); i++) {
            put(row, prefix + (i + 1), values.get(i));
        }
    }

    private static void put(Map<String, Object> row, String column, String value) {
        if (value != null) {
            row.put(column, value);
        }
    }
}
