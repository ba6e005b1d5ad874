package io.crmhub.api;

import io.crmhub.api.security.Partner;
import io.crmhub.partner.PartnerCustomer;
import io.crmhub.partner.PartnerException;
import io.crmhub.partner.PartnerUpserts;
import io.crmhub.partner.UpsertResult;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner writes its own customers, keyed by its own ids: {@code PUT} creates or replaces the record
 * {@code partner:<id>/customers/<key>}. The call waits (up to {@code hub.partners.upsert-wait-ms}) until the store
 * has applied the write and identity resolution linked it, then answers 201/200 with the golden customer, because
 * what a partner wants back is the golden id. If that takes longer, or the partner sent
 * {@code Prefer: respond-async}, it answers 202 with the record's status URL to poll.
 */
@RestController
@RequestMapping("/api/v1/partners/{partnerId}/customers/{key}")
public class PartnerCustomerController {

    private final PartnerUpserts upserts;

    public PartnerCustomerController(PartnerUpserts upserts) {
        this.upserts = upserts;
    }

    @PutMapping
    public ResponseEntity<UpsertResult> upsert(@PathVariable String partnerId, @PathVariable String key,
            @RequestBody PartnerCustomer customer, @AuthenticationPrincipal Partner partner,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader(name = "Prefer", required = false) String prefer) {
        own(partner, partnerId);
        boolean async = prefer != null && prefer.toLowerCase(java.util.Locale.ROOT).contains("respond-async");
        UpsertResult result = upserts.upsert(partnerId, key, customer, ETags.precondition(ifMatch, ifNoneMatch),
                !async);
        if (result.state() == UpsertResult.State.FAILED) {
            // accepted, then refused by the store: the result names the reason; the version is spent
            return ResponseEntity.unprocessableEntity().location(statusUrl(partnerId, key))
                    .eTag(ETags.of(result.version())).body(result);
        }
        if (result.state() == UpsertResult.State.PENDING) {
            return ResponseEntity.accepted().location(statusUrl(partnerId, key)).eTag(ETags.of(result.version()))
                    .header(HttpHeaders.RETRY_AFTER, "1").body(result);
        }
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/customers/" + result.goldenId()))
                .eTag(ETags.of(result.version())).body(result);
    }

    @GetMapping
    public ResponseEntity<UpsertResult> status(@PathVariable String partnerId, @PathVariable String key,
                                               @AuthenticationPrincipal Partner partner) {
        own(partner, partnerId);
        UpsertResult status = upserts.status(partnerId, key);
        return ResponseEntity.ok().eTag(ETags.of(status.version())).body(status);
    }

    /** A partner writes and reads only its own records. */
    private static void own(Partner partner, String partnerId) {
        if (!partner.id().equals(partnerId)) {
            throw new PartnerException(PartnerException.Reason.FORBIDDEN, "partnerId", "partner " + partner.id()
                    + " may not act for partner " + partnerId);
        }
    }

    private static URI statusUrl(String partnerId, String key) {
        return URI.create("/api/v1/partners/" + partnerId + "/customers/" + key);
    }
}
