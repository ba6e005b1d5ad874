package io.crmhub.api;

import io.crmhub.identity.resolve.IdentityException;
import io.crmhub.kpi.KpiRequestException;
import java.net.URI;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as {@code application/problem+json} (RFC 9457) with a specific detail: Spring's handler
 * covers malformed JSON, validation and unknown paths; this adds the hub's own refusals.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    static final String TYPES = "https://crm-hub.io/problems/";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(IdentityException.class)
    ProblemDetail identity(IdentityException e) {
        HttpStatus status = switch (e.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create(TYPES + "identity-" + e.reason().name().toLowerCase().replace('_', '-')));
        return problem;
    }

    /** Names every invalid field and why, instead of Spring's generic "Invalid request content." */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage()).sorted()
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                detail.isEmpty() ? "the request body is invalid" : detail);
        problem.setType(URI.create(TYPES + "invalid-request"));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(KpiRequestException.class)
    ProblemDetail kpi(KpiRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.notFound() ? HttpStatus.NOT_FOUND
                : HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create(TYPES + (e.notFound() ? "kpi-not-found" : "invalid-request")));
        return problem;
    }

    /**
     * Anything unforeseen: 500 as problem+json with an id to quote; the cause is logged under that id, and
     * its message is not sent, since it may carry data the caller should not see.
     */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String id = java.util.UUID.randomUUID().toString();
        // class and place only: exception messages (SQL details, parse errors) can quote personal data
        Throwable root = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e);
        LOG.error("unexpected API error {}: {} at {}, root cause {} at {}", id, e.getClass().getName(), top(e),
                root.getClass().getName(), top(root));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "unexpected error; quote " + id + " to the operators");
        problem.setType(URI.create(TYPES + "internal-error"));
        return problem;
    }

    private static Object top(Throwable t) {
        return t.getStackTrace().length == 0 ? "?" : t.getStackTrace()[0];
    }

    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ProblemDetail constraint(jakarta.validation.ConstraintViolationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create(TYPES + "invalid-request"));
        return problem;
    }
}
