package io.crmhub.messaging;

/**
 * The exchange property the dead-letter handler ({@code ops.deadletter.DeadLetterService}) sets on an exchange it
 * took, so that the code splitting a batch (connectors, the store's consumer) can leave that change out. It lives
 * here, below both, so that a connector need not import the operations packages to read it.
 */
public final class DeadLetterMark {

    /** Set on an exchange once it went to the dead letter; its value is the {@code DeadLetter}. */
    public static final String PROPERTY = "hubDeadLetter";

    private DeadLetterMark() {}
}
