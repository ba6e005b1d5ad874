package io.crmhub.connector.shop;

/**
 * A whole file cannot be read (empty, no usable header, unknown kind): it is moved to {@code error/} with
 * this reason beside it, and nothing of it is published.
 */
public class UnreadableShopFileException extends RuntimeException {

    public UnreadableShopFileException(String reason) {
        super(reason);
    }
}
