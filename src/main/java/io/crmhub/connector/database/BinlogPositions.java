package io.crmhub.connector.database;

/**
 * Binlog positions as the store's sequence numbers: file number, then the event's offset in the file, then the row
 * within the event, packed into one number that grows with the binlog. Shared by CDC and backfill, so a backfill's
 * snapshot position and CDC's later changes compare as they happened.
 */
public final class BinlogPositions {

    /** Bits for the event's offset in its binlog file (binlog files stay below 4 GiB) and the row in the event. */
    private static final int POSITION_BITS = 32;
    private static final int ROW_BITS = 8;

    private BinlogPositions() {}

    /** The sequence of row {@code row} of the event at {@code pos} of binlog file {@code file} (e.g. binlog.000003). */
    public static long sequence(String file, long pos, int row) {
        int dot = file == null ? -1 : file.lastIndexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("binlog file name without a sequence number: " + file);
        }
        long fileNumber = Long.parseLong(file.substring(dot + 1));
        return (fileNumber << (POSITION_BITS + ROW_BITS)) | (pos << ROW_BITS) | Math.min(row, (1 << ROW_BITS) - 1);
    }
}
