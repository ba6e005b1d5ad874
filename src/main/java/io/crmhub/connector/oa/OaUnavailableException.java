package io.crmhub.connector.oa;

/**
 * The OA could not answer a page now: server fault, HTTP 5xx, timeout, refused connection, or a reply
 * that is not readable XML (a broken page is the OA's fault, not a bad record: re-asking is the fix).
 * Transient: listed in routes/hub-error-handling.camel.yaml, retried with back-off, never dead-lettered,
 * and the watermark stays where it is.
 */
public class OaUnavailableException extends RuntimeException {

    public OaUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
