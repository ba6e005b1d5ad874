package io.crmhub.api;

import io.crmhub.partner.CustomerActivity;
import io.crmhub.partner.CustomerActivity.Kind;
import io.crmhub.partner.CustomerSearch;
import io.crmhub.partner.CustomerView;
import io.crmhub.partner.GoldenCustomers;
import io.crmhub.partner.SearchCriteria;
import io.crmhub.partner.SearchPage;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Golden customers for partners (contract: {@code contracts/partner-api.yaml}): by id with links and provenance,
 * search, and a customer's orders, payments and interactions. An id that was merged into another answers
 * {@code 301 Moved Permanently} with the survivor's URL, so clients that follow redirects keep working with the
 * ids they stored, and those that do not learn the new id from Location and the body.
 */
@RestController
@RequestMapping("/api/v1/customers")
public class CustomerController {

    /** The body of a 301: the id asked for is merged into {@code mergedInto}. */
    public record Merged(UUID goldenId, String status, UUID mergedInto) {}

    private final GoldenCustomers golden;
    private final CustomerSearch search;
    private final CustomerActivity activity;

    public CustomerController(GoldenCustomers golden, CustomerSearch search, CustomerActivity activity) {
        this.golden = golden;
        this.search = search;
        this.activity = activity;
    }

    @GetMapping("/{id}")
    public ResponseEntity<?> customer(@PathVariable UUID id,
                                      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String seen) {
        CustomerView view = golden.get(id);
        if ("MERGED".equals(view.status())) { // rare: only then follow the chain (one query less per read)
            return merged(id, golden.survivorOf(id), "");
        }
        String etag = ETags.of(view.version());
        if (etag.equals(seen)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(view);
    }

    @GetMapping
    public SearchPage search(@RequestParam(required = false) String name,
                             @RequestParam(required = false) String phone,
                             @RequestParam(required = false) String email,
                             @RequestParam(required = false) String taxId,
                             @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "20") int size,
                             @RequestParam(required = false) String sort) {
        return search.search(new SearchCriteria(name, phone, email, taxId, page, size, sort));
    }

    @GetMapping("/{id}/orders")
    public ResponseEntity<?> orders(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        return activity(Kind.ORDERS, id, page, size);
    }

    @GetMapping("/{id}/payments")
    public ResponseEntity<?> payments(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "20") int size) {
        return activity(Kind.PAYMENTS, id, page, size);
    }

    @GetMapping("/{id}/interactions")
    public ResponseEntity<?> interactions(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                                          @RequestParam(defaultValue = "20") int size) {
        return activity(Kind.INTERACTIONS, id, page, size);
    }

    private ResponseEntity<?> activity(Kind kind, UUID id, int page, int size) {
        UUID survivor = golden.survivorOf(id);
        if (!survivor.equals(id)) {
            return merged(id, survivor, "/" + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + "?page=" + page + "&size=" + size);
        }
        return ResponseEntity.ok(activity.list(kind, id, page, size));
    }

    private static ResponseEntity<Merged> merged(UUID id, UUID survivor, String rest) {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                .location(URI.create("/api/v1/customers/" + survivor + rest))
                .body(new Merged(id, "MERGED", survivor));
    }
}
