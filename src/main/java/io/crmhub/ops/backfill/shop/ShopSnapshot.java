package io.crmhub.ops.backfill.shop;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.shop.EncodingDetector;
import io.crmhub.connector.shop.ShopFileChanges;
import io.crmhub.connector.shop.ShopFileIntake;
import io.crmhub.ops.backfill.BackfillException;
import io.crmhub.ops.backfill.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The changes of a sorted list of export files as one stream. The cursor is a change's position
 * ({@code <file name>#<line>}); a page never ends inside a line, because an orders line makes two changes.
 */
final class ShopSnapshot implements SourceSnapshot {

    private final ShopFileIntake intake;
    private final List<Path> files;
    private final String kind;
    private final Path rejectsDir;
    private final boolean full;
    private int fileIndex = -1;
    private ShopFileChanges current;
    private SourceChange lookahead;
    private String lastCursor;

    ShopSnapshot(ShopFileIntake intake, List<Path> files, String kind, Path rejectsDir, boolean full) {
        this.intake = intake;
        this.files = files;
        this.kind = kind;
        this.rejectsDir = rejectsDir;
        this.full = full;
    }

    @Override
    public long count() {
        long n = 0;
        seek(null);
        while (peek() != null) {
            lookahead = null;
            n++;
        }
        seek(null);
        return n;
    }

    @Override
    public Page next(String cursor, int limit) {
        if (!Objects.equals(cursor, lastCursor) || fileIndex < 0) {
            seek(cursor);
        }
        List<SourceChange> page = new ArrayList<>();
        for (SourceChange c = peek(); c != null; c = peek()) {
            if (page.size() >= limit && !c.position().equals(page.get(page.size() - 1).position())) {
                break;
            }
            lookahead = null;
            page.add(new SourceChange(c.system(), c.entity(), ChangeOp.READ, c.key(), c.position(), c.sequence(),
                    c.occurredAt(), c.row()));
        }
        lastCursor = page.isEmpty() ? cursor : page.get(page.size() - 1).position();
        return new Page(page, lastCursor);
    }

    @Override
    public boolean inRange(String key) {
        return true;
    }

    @Override
    public boolean placesStoreRecords() {
        return full;
    }

    @Override
    public void close() {
        closeCurrent();
    }

    /** Positions the stream just after the cursor (a change position), or at the start. */
    private void seek(String cursor) {
        closeCurrent();
        lookahead = null;
        fileIndex = -1;
        lastCursor = cursor;
        if (cursor == null) {
            return;
        }
        int hash = cursor.lastIndexOf('#');
        String name = cursor.substring(0, hash);
        long line = Long.parseLong(cursor.substring(hash + 1));
        while (fileIndex + 1 < files.size() && files.get(fileIndex + 1).getFileName().toString().compareTo(name) < 0) {
            fileIndex++;
        }
        for (SourceChange c = peek(); c != null && c.position().startsWith(name + "#")
                && Long.parseLong(c.position().substring(hash + 1)) <= line; c = peek()) {
            lookahead = null;
        }
    }

    private SourceChange peek() {
        while (lookahead == null) {
            if (current != null && current.hasNext()) {
                lookahead = current.next();
            } else {
                closeCurrent();
                if (++fileIndex >= files.size()) {
                    fileIndex = files.size();
                    return null;
                }
                current = open(files.get(fileIndex));
            }
        }
        return lookahead;
    }

    private ShopFileChanges open(Path file) {
        String name = file.getFileName().toString();
        try {
            return intake.open(file, name, kind, EncodingDetector.detect(file), rejectsDir);
        } catch (IOException | RuntimeException e) {
            throw new BackfillException("shop: cannot read " + name + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                throw new BackfillException("shop: cannot close a file (rejects not written?)", e);
            }
            current = null;
        }
    }
}
