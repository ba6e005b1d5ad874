package io.crmhub.connector.shop;

/**
 * One physical line of a file.
 *
 * @param number     1-based line number in the file, as a text editor shows it
 * @param text       the line without its line end (cut at the reader's maximum length when {@code tooLong})
 * @param terminated whether a line end followed; only a file's last line can lack one (truncated upload?)
 * @param tooLong    the line was longer than the reader's maximum and was cut
 */
public record TextLine(long number, String text, boolean terminated, boolean tooLong) {}
