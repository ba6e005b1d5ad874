package io.crmhub.api;

import io.crmhub.ops.deadletter.DeadLetterFilter;
import io.crmhub.ops.deadletter.DeadLetterStore;
import io.crmhub.ops.deadletter.DeadLetterView;
import io.crmhub.ops.deadletter.ReplayRequestException;
import io.crmhub.ops.replay.DeadLetterReplayer;
import io.crmhub.ops.replay.ReplayProperties;
import io.crmhub.ops.replay.ReplayReport;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters for operators: list (filtered by source, entity, reason, time, status), inspect one with its raw
 * record, and replay through the current mappings, or dry-run the replay. Errors are problem+json.
 */
@RestController
@RequestMapping("/api/v1/dead-letters")
public class DeadLetterController {

    /** A replay: which dead letters, and whether only to show what would happen. */
    public record ReplayBody(FilterBody filter, boolean dryRun) {}

    /** The filter of a replay; times as ISO-8601 instants or dates (UTC midnight). */
    public record FilterBody(String source, String entity, String reason, String from, String to,
                             List<String> status, List<Long> ids, Integer limit) {}

    /** A page of dead letters, oldest first. */
    public record DeadLetterList(int count, List<DeadLetterView> items) {}

    private final DeadLetterStore deadLetters;
    private final DeadLetterReplayer replayer;
    private final ReplayProperties props;

    public DeadLetterController(DeadLetterStore deadLetters, DeadLetterReplayer replayer, ReplayProperties props) {
        this.deadLetters = deadLetters;
        this.replayer = replayer;
        this.props = props;
    }

    @GetMapping
    public DeadLetterList list(@RequestParam(required = false) String source,
                               @RequestParam(required = false) String entity,
                               @RequestParam(required = false) String reason,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) List<String> status,
                               @RequestParam(required = false) Integer limit) {
        DeadLetterFilter filter = guarded(() -> new DeadLetterFilter(source, entity, reason, instant("from", from),
                instant("to", to), status, null, limit));
        List<DeadLetterView> items = deadLetters.list(filter, limitOf(limit), false);
        return new DeadLetterList(items.size(), items);
    }

    @GetMapping("/{id}")
    public DeadLetterView get(@PathVariable long id) {
        return deadLetters.get(id).orElseThrow(() -> problem(new ReplayRequestException("no dead letter " + id, true)));
    }

    @PostMapping("/replay")
    public ReplayReport replay(@RequestBody ReplayBody body) {
        FilterBody f = body.filter() == null ? new FilterBody(null, null, null, null, null, null, null, null)
                : body.filter();
        return guarded(() -> replayer.replay(new DeadLetterFilter(f.source(), f.entity(), f.reason(),
                instant("from", f.from()), instant("to", f.to()), f.status(), f.ids(), f.limit()), body.dryRun()));
    }

    private int limitOf(Integer limit) {
        return limit == null ? Math.min(100, props.maxBatch()) : Math.min(limit, props.maxBatch());
    }

    private static <T> T guarded(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ReplayRequestException e) {
            throw problem(e);
        }
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ReplayRequestException(name + " must be an ISO-8601 instant or date, e.g. 2024-06-04T00:00:00Z");
        }
    }

    private static ErrorResponseException problem(ReplayRequestException e) {
        HttpStatus status = e.notFound() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        detail.setType(URI.create(ApiProblems.TYPES + (e.notFound() ? "dead-letter-not-found" : "invalid-request")));
        return new ErrorResponseException(status, detail, e);
    }
}
