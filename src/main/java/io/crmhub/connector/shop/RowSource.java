package io.crmhub.connector.shop;

import io.crmhub.canonical.SourceChange;
import java.util.List;

/** Turns the lines of one kind of shop file into source changes, one line at a time. */
interface RowSource {

    /** The changes one data line carries. */
    List<SourceChange> changes(TextLine line) throws RowRejectedException;

    /** Called once a line's changes passed validation and are published (sources may keep state). */
    default void accepted(List<SourceChange> changes) {}
}
