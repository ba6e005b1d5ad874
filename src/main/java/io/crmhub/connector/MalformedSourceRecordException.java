package io.crmhub.connector;

/**
 * A source record the connector cannot even read (not JSON, wrong column count, truncated line, bad XML):
 * poison, so it goes straight to the dead letter with this reason. The message must not contain
 * personal data in clear; say where and what, not the value.
 */
public class MalformedSourceRecordException extends RuntimeException {

    public MalformedSourceRecordException(String reason) {
        super(reason);
    }
}
