package io.crmhub.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.crmhub.identity.resolve.IdentityException;
import io.crmhub.kpi.KpiRequestException;
import io.crmhub.partner.PartnerException;
import org.springframework.http.converter.HttpMessageNotReadableException;
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

    private static final java.util.Map<PartnerException.Reason, String> PROBLEM_TYPES = java.util.Map.of(
            PartnerException.Reason.INVALID, "invalid-request",
            PartnerException.Reason.NOT_FOUND, "customer-not-found",
            PartnerException.Reason.VERSION_REQUIRED, "version-required",
            PartnerException.Reason.VERSION_MISMATCH, "version-mismatch",
            PartnerException.Reason.ALREADY_EXISTS, "already-exists",
            PartnerException.Reason.FORBIDDEN, "forbidden",
            PartnerException.Reason.UNAVAILABLE, "unavailable");

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

    @ExceptionHandler(PartnerException.class)
    ResponseEntity<ProblemDetail> partner(PartnerException e) {
        HttpStatus status = switch (e.reason()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case VERSION_REQUIRED -> HttpStatus.PRECONDITION_REQUIRED;
            case VERSION_MISMATCH, ALREADY_EXISTS -> HttpStatus.PRECONDITION_FAILED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create(TYPES + PROBLEM_TYPES.get(e.reason())));
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return response.body(problem);
    }

    /**
     * A statement ran past its bound (hub.database.statement-timeout, or kpi-statement-timeout for reports) and the
     * server cancelled it: retrying the same request will most likely take as long, so say what the bound is for.
     */
    @ExceptionHandler({org.springframework.dao.QueryTimeoutException.class,
            org.springframework.transaction.TransactionTimedOutException.class})
    ResponseEntity<ProblemDetail> timedOut(RuntimeException e) {
        LOG.warn("API request cancelled at its statement time bound: {}", e.getClass().getSimpleName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the request needed more database time than the hub allows (hub.database.kpi-statement-timeout for "
                        + "KPI reports, hub.database.statement-timeout otherwise); narrow the range or the filter");
        problem.setType(URI.create(TYPES + "timed-out"));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
    }

    /** The store is overloaded or away: the client may retry; nothing is wrong with its request. */
    @ExceptionHandler({org.springframework.dao.TransientDataAccessException.class,
            org.springframework.dao.DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        LOG.warn("API request failed on the store: {}", e.getClass().getSimpleName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the CRM store is busy or unavailable; retry shortly");
        problem.setType(URI.create(TYPES + "unavailable"));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    /** Anything else: a 500 that is still problem+json, with an id to find the logged stack trace by. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String id = java.util.UUID.randomUUID().toString();
        // the class and stack trace only: an exception message may quote request data
        LOG.error("API request failed unexpectedly (error id {}): {}", id, e.getClass().getName(), stackOnly(e));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the hub failed to answer; error id " + id);
        problem.setType(URI.create(TYPES + "internal-error"));
        return problem;
    }

    private static Throwable stackOnly(Throwable e) {
        Throwable copy = new Throwable(e.getClass().getName());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /**
     * An unreadable body names the field Jackson stopped at and what it expected, never the value (it may be
     * personal data): e.g. {@code emails: must be a list}.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = "the request body is not valid JSON for this operation";
        String field = null;
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
            detail = field + ": " + (mapping instanceof ControlCharacterStrings.Refused
                    ? mapping.getOriginalMessage() : "has the wrong type (expected " + expected(mapping) + ")");
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(URI.create(TYPES + "invalid-request"));
        if (field != null) {
            problem.setProperty("field", field);
        }
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A query or path parameter of the wrong type: names the parameter and what it must be, without echoing the value
     * (Spring's own detail quoted it in full: a 5,000-character or hostile value came back in the answer).
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "a parameter" : "'" + e.getPropertyName() + "'";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                name + " must be " + describe(e.getRequiredType()));
        problem.setType(URI.create(TYPES + "invalid-request"));
        if (e.getPropertyName() != null) {
            problem.setProperty("field", e.getPropertyName());
        }
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == java.time.LocalDate.class) {
            return "a date (yyyy-MM-dd)";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date and time (ISO 8601)";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return "a " + type.getSimpleName();
    }

    private static String expected(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
            Class<?> type = m.getTargetType();
            return java.util.Collection.class.isAssignableFrom(type) ? "a list"
                    : type == String.class ? "a string" : type.isRecord() ? "an object" : type.getSimpleName();
        }
        return "another JSON type";
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

    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ProblemDetail constraint(jakarta.validation.ConstraintViolationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create(TYPES + "invalid-request"));
        return problem;
    }
}
