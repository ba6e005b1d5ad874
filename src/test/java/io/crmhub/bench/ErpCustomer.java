package io.crmhub.bench;

/**
 * One row of the ERP {@code customers} table as the benchmark writes it (columns in table order, without id,
 * number and timestamps). {@code kind} is 'C' (company) or 'P' (person), as the ERP stores it.
 */
record ErpCustomer(String kind, String name, String contactName, String phone, String mobile, String email,
        String taxId, String industry, String province, String city, String address, String postalCode,
        String owner, String status) {

    boolean company() {
        return "C".equals(kind);
    }
}
