package io.crmhub.store;

import io.crmhub.canonical.CanonicalEvent;

/**
 * Told of every change the store applied (not of duplicates or stale changes), inside the apply transaction:
 * what it writes commits or rolls back with the change itself, and an exception it throws undoes the change,
 * so the event is retried or dead-lettered as a whole.
 */
public interface AppliedChangeListener {

    void applied(CanonicalEvent event);
}
