package io.crmhub.connector.shop;

import java.nio.charset.Charset;

/**
 * What one pass over a file found out before its rows are read.
 *
 * @param sha256    hex SHA-256 of the bytes: the file's identity for "dropped twice"
 * @param size      bytes
 * @param charset   UTF-8 or GB18030
 * @param bomLength bytes of byte-order mark to skip (3 for a UTF-8 BOM, else 0)
 */
public record FileFacts(String sha256, long size, Charset charset, int bomLength) {

    public String encodingName() {
        return bomLength > 0 ? charset.name() + " (BOM)" : charset.name();
    }
}
