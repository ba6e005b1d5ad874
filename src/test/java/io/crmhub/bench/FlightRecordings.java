package io.crmhub.bench;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * Writes out the Flight Recorder recordings started with {@code -XX:StartFlightRecording=filename=…} (through
 * {@code -Dbench.jvm}): a benchmark that ends with {@link Runtime#halt} runs no shutdown hook, so the JVM's own
 * dump on exit never happens.
 */
final class FlightRecordings {

    private FlightRecordings() {
    }

    /** Stops every recording; each one with a destination is written there. */
    static void stopAll() {
        if (!FlightRecorder.isInitialized()) {
            return;
        }
        for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
            try {
                recording.stop();
            } catch (IllegalStateException e) {
                // already stopped or closed: nothing left to write
            }
        }
    }
}
