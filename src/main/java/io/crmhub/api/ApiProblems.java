package io.crmhub.api;

import io.crmhub.identity.resolve.IdentityException;
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

    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ProblemDetail constraint(jakarta.validation.ConstraintViolationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create(TYPES + "invalid-request"));
        return problem;
    }
}
