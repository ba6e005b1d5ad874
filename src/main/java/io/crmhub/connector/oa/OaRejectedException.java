package io.crmhub.connector.oa;

/**
 * The OA refused the request itself (SOAP client fault, HTTP 4xx such as wrong credentials): asking
 * again unchanged will not help, so it is reported through the dead letter after the usual few retries.
 * The watermark does not move; the next poll asks again.
 */
public class OaRejectedException extends RuntimeException {

    public OaRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
