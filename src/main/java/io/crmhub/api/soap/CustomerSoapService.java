package io.crmhub.api.soap;

import io.crmhub.api.security.Partner;
import io.crmhub.api.security.Scopes;
import io.crmhub.api.soap.wsdl.CustomerFault_Exception;
import io.crmhub.api.soap.wsdl.Customers;
import io.crmhub.api.soap.wsdl.GetCustomerRequest;
import io.crmhub.api.soap.wsdl.GetCustomerResponse;
import io.crmhub.api.soap.wsdl.SearchCustomersRequest;
import io.crmhub.api.soap.wsdl.SearchCustomersResponse;
import io.crmhub.api.soap.wsdl.UpsertCustomerRequest;
import io.crmhub.api.soap.wsdl.UpsertCustomerResponse;
import io.crmhub.partner.CustomerSearch;
import io.crmhub.partner.GoldenCustomers;
import io.crmhub.partner.PartnerException;
import io.crmhub.partner.PartnerUpserts;
import io.crmhub.partner.Precondition;
import io.crmhub.partner.SearchCriteria;
import io.crmhub.partner.SearchPage;
import io.crmhub.partner.UpsertResult;
import jakarta.jws.WebService;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The canonical CustomerService (WSDL {@code contracts/customer-service.wsdl}) on the same partner services as
 * REST. Authentication happened in the servlet filter (API key); the scope is checked per operation here,
 * because all three share one URL. A merged id answers with its survivor.
 */
@WebService(endpointInterface = "io.crmhub.api.soap.wsdl.Customers", serviceName = "CustomerService",
        portName = "CustomersPort", targetNamespace = "http://crmhub.io/partner/customer/v1",
        wsdlLocation = "classpath:contracts/customer-service.wsdl")
public class CustomerSoapService implements Customers {

    private final GoldenCustomers golden;
    private final CustomerSearch search;
    private final PartnerUpserts upserts;

    public CustomerSoapService(GoldenCustomers golden, CustomerSearch search, PartnerUpserts upserts) {
        this.golden = golden;
        this.search = search;
        this.upserts = upserts;
    }

    @Override
    public GetCustomerResponse getCustomer(GetCustomerRequest request) throws CustomerFault_Exception {
        partner(Scopes.CUSTOMERS_READ);
        try {
            UUID id = id(request.getGoldenId());
            GetCustomerResponse response = new GetCustomerResponse();
            response.setCustomer(SoapTypes.golden(golden.get(golden.survivorOf(id))));
            return response;
        } catch (PartnerException e) {
            throw SoapFaults.of(e);
        }
    }

    @Override
    public SearchCustomersResponse searchCustomers(SearchCustomersRequest r) throws CustomerFault_Exception {
        partner(Scopes.CUSTOMERS_READ);
        try {
            SearchPage page = search.search(new SearchCriteria(r.getName(), r.getPhone(), r.getEmail(), r.getTaxId(),
                    r.getPage() == null ? 0 : r.getPage(), r.getSize() == null ? 20 : r.getSize(), r.getSort()));
            SearchCustomersResponse response = new SearchCustomersResponse();
            response.setPage(page.page());
            response.setSize(page.size());
            response.setHasMore(page.hasMore());
            page.items().forEach(item -> response.getItem().add(SoapTypes.summary(item)));
            return response;
        } catch (PartnerException e) {
            throw SoapFaults.of(e);
        }
    }

    @Override
    public UpsertCustomerResponse upsertCustomer(UpsertCustomerRequest r) throws CustomerFault_Exception {
        Partner partner = partner(Scopes.CUSTOMERS_WRITE);
        try {
            UpsertResult result = upserts.upsert(partner.id(), r.getPartnerKey(), SoapTypes.customer(r.getCustomer()),
                    new Precondition(r.getExpectedVersion(), false, Boolean.TRUE.equals(r.isCreateOnly())), true);
            UpsertCustomerResponse response = new UpsertCustomerResponse();
            response.setPartnerId(result.partnerId());
            response.setPartnerKey(result.partnerKey());
            response.setVersion(result.version());
            response.setCreated(result.created());
            response.setState(result.state().name());
            response.setGoldenId(result.goldenId() == null ? null : result.goldenId().toString());
            return response;
        } catch (PartnerException e) {
            throw SoapFaults.of(e);
        }
    }

    private static Partner partner(String scope) throws CustomerFault_Exception {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Partner partner)) {
            throw SoapFaults.fault("UNAUTHENTICATED", null, "no partner API key");
        }
        if (!partner.has(scope)) {
            throw SoapFaults.fault(SoapFaults.FORBIDDEN, null, "partner " + partner.id() + " lacks scope " + scope);
        }
        return partner;
    }

    private static UUID id(String goldenId) {
        try {
            return UUID.fromString(goldenId == null ? "" : goldenId.strip());
        } catch (IllegalArgumentException e) {
            throw PartnerException.invalid("goldenId", "is not a UUID");
        }
    }
}
