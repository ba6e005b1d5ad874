package io.crmhub.api;

import io.crmhub.api.security.Partner;
import io.crmhub.canonical.EntityRef;
import io.crmhub.identity.resolve.IdentityAdmin;
import io.crmhub.identity.resolve.IdentityCatchUp;
import io.crmhub.identity.resolve.IdentityQueries;
import io.crmhub.identity.resolve.IdentityQueries.DecisionView;
import io.crmhub.identity.resolve.IdentityQueries.Golden;
import io.crmhub.identity.resolve.IdentityReevaluation;
import io.crmhub.identity.resolve.IdentityReviews;
import io.crmhub.identity.resolve.IdentityReviews.Review;
import io.crmhub.identity.resolve.ReviewDecision;
import io.crmhub.identity.resolve.UnmergeRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Identity resolution for data stewards: golden customers with provenance, why each source record is linked,
 * the decision history, unmerge and merge, the review queue, and re-checking under changed rules. Errors are
 * {@code application/problem+json} ({@link ApiProblems}). Callers need the {@code identity:admin} scope; the
 * acting person recorded on decisions is the authenticated credential's id.
 */
@Validated
@RestController
@RequestMapping("/api/v1/identity")
public class IdentityController {

    /** A source record named in a request. */
    public record SourceRecord(@NotBlank String system, @NotBlank String entity, @NotBlank String key) {
        EntityRef ref() {
            return new EntityRef(system, entity, key);
        }
    }

    /** Split these records off the golden customer: together as one other customer, or each on its own. */
    public record UnmergeBody(@NotEmpty @Size(max = 100) List<@Valid @NotNull SourceRecord> records,
                              boolean separately, @Size(max = 500) String reason) {}

    public record UnmergeResult(UUID goldenId, List<UUID> splitOff) {}

    public record MergeBody(@NotNull @Size(min = 2, max = 20) List<@NotNull UUID> goldenIds,
                            @Size(max = 500) String reason) {}

    public record MergeResult(UUID goldenId) {}

    public record DecisionBody(@NotNull ReviewDecision decision) {}

    /** Everything that explains a golden customer: its fields and provenance, each link's reasons, its history. */
    public record Explanation(Golden golden, List<DecisionView> history) {}

    public record SourceLink(EntityRef source, UUID goldenId) {}

    private final IdentityQueries queries;
    private final IdentityAdmin admin;
    private final IdentityReviews reviews;
    private final IdentityReevaluation reevaluation;
    private final IdentityCatchUp catchUp;

    public IdentityController(IdentityQueries queries, IdentityAdmin admin, IdentityReviews reviews,
                              IdentityReevaluation reevaluation, IdentityCatchUp catchUp) {
        this.catchUp = catchUp;
        this.queries = queries;
        this.admin = admin;
        this.reviews = reviews;
        this.reevaluation = reevaluation;
    }

    @GetMapping("/golden/{id}")
    public Golden golden(@PathVariable UUID id) {
        return queries.golden(id);
    }

    @GetMapping("/golden/{id}/explain")
    public Explanation explain(@PathVariable UUID id) {
        return new Explanation(queries.golden(id), queries.history(id));
    }

    @GetMapping("/sources/{system}/{entity}/{key}")
    public SourceLink source(@PathVariable String system, @PathVariable String entity, @PathVariable String key) {
        EntityRef ref = new EntityRef(system, entity, key);
        return new SourceLink(ref, queries.goldenOf(ref));
    }

    @PostMapping("/golden/{id}/unmerge")
    public UnmergeResult unmerge(@PathVariable UUID id, @Valid @RequestBody UnmergeBody body,
                                 @AuthenticationPrincipal Partner steward) {
        String actor = steward.id();
        List<EntityRef> refs = body.records().stream().map(SourceRecord::ref).toList();
        return new UnmergeResult(id, admin.unmerge(id, new UnmergeRequest(refs, body.separately(), body.reason()),
                actor));
    }

    @PostMapping("/merge")
    public MergeResult merge(@Valid @RequestBody MergeBody body,
                             @AuthenticationPrincipal Partner steward) {
        return new MergeResult(admin.merge(body.goldenIds(), steward.id(), body.reason()));
    }

    @PostMapping("/golden/{id}/reevaluate")
    public IdentityReevaluation.Result reevaluate(@PathVariable UUID id) {
        return reevaluation.reevaluate(id);
    }

    /** Re-checks golden customers decided under an older rules version, at most {@code limit} per call. */
    @PostMapping("/reevaluate")
    public List<IdentityReevaluation.Result> reevaluateOutdated(
            @RequestParam(defaultValue = "100") @Min(1) @Max(10_000) int limit) {
        return reevaluation.outdated(limit).stream().map(reevaluation::reevaluate).toList();
    }

    /** Links stored customers that have no golden customer yet (records from before identity resolution). */
    @PostMapping("/resolve-unlinked")
    public Map<String, Integer> resolveUnlinked(
            @RequestParam(defaultValue = "1000") @Min(1) @Max(100_000) int limit) {
        return Map.of("resolved", catchUp.resolveUnlinked(limit));
    }

    @GetMapping("/reviews")
    public List<Review> reviews(@RequestParam(defaultValue = "OPEN") String status,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                @RequestParam(defaultValue = "0") @Min(0) long offset) {
        return reviews.list(status.toUpperCase(java.util.Locale.ROOT), limit, offset);
    }

    /**
     * Withdraws open reviews an older rules version opened and the running one would not (a shared name alone,
     * rules version 4), at most {@code limit} per call; call again until it withdraws none.
     */
    @PostMapping("/reviews/withdraw-outdated")
    public Map<String, Integer> withdrawOutdatedReviews(
            @RequestParam(defaultValue = "10000") @Min(1) @Max(100_000) int limit,
            @AuthenticationPrincipal Partner steward) {
        return Map.of("withdrawn", reviews.withdrawOutdated(limit, steward.id()));
    }

    @GetMapping("/reviews/{id}")
    public Review review(@PathVariable long id) {
        return reviews.get(id);
    }

    @PostMapping("/reviews/{id}/decision")
    public Review decide(@PathVariable long id, @Valid @RequestBody DecisionBody body,
                         @AuthenticationPrincipal Partner steward) {
        return reviews.decide(id, body.decision(), steward.id());
    }
}
