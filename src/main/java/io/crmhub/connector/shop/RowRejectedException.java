package io.crmhub.connector.shop;

/**
 * One row of a file cannot be used; it goes to the file's rejects file with this reason and the other rows
 * go on. Checked, because a bad row is an expected outcome. The reason names columns, never personal data.
 */
public class RowRejectedException extends Exception {

    public RowRejectedException(String reason) {
        super(reason);
    }
}
