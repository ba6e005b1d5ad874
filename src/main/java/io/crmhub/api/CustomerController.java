package io.crmhub.api;

import io.crmhub.partner.CustomerActivity;
import io.crmhub.partner.CustomerActivity.Kind;
import io.crmhub.partner.CustomerSearch;
import io.crmhub.partner.GoldenCustomers;
import io.crmhub.partner.SearchCriteria;
import io.crmhub.partner.SearchPage;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

    /**
     * One query: the customer's current version, and its JSON only if that version is neither kept rendered
     * ({@link GoldenCustomers#current}) nor the one in If-None-Match. The body is the kept bytes, written as they are.
     * {@link CustomerReadFilter} answers the 200s and 304s of plain GETs before they reach this method, the same way;
     * merged and unknown ids (and HEAD) come here.
     */
    @GetMapping("/{id}")
    public ResponseEntity<?> customer(@PathVariable UUID id,
                                      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String seen) {
        long seenVersion = ETags.version(seen);
        GoldenCustomers.Current current = golden.current(id, seenVersion);
        if (current.merged()) { // rare: only then follow the chain
            return merged(id, golden.survivorOf(current.mergedInto() != null ? current.mergedInto() : id), "");
        }
        String etag = ETags.of(current.version());
        if (current.version() == seenVersion || current.json() == null) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).contentType(MediaType.APPLICATION_JSON).body(current.json());
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
        CustomerActivity.Listing listing = activity.list(kind, id, page, size);
        if (listing.mergedInto() != null) {
            return merged(id, golden.survivorOf(listing.mergedInto()), "/"
                    + kind.name().toLowerCase(java.util.Locale.ROOT) + "?page=" + page + "&size=" + size);
        }
        return ResponseEntity.ok(listing.page());
    }

    private static ResponseEntity<Merged> merged(UUID id, UUID survivor, String rest) {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                .location(URI.create("/api/v1/customers/" + survivor + rest))
                .body(new Merged(id, "MERGED", survivor));
    }
}
