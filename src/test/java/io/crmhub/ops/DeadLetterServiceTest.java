package io.crmhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.connector.MalformedSourceRecordException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Only the hub's own, personal-data-free reasons reach the log; other messages stay in the table. */
class DeadLetterServiceTest {

    private static DeadLetter deadLetter(Throwable error) {
        return new DeadLetter("r", "erp", "customers", "1", "lsn:1", null, DeadLetterService.reasonOf(error),
                error.getClass().getName(), "{}", Instant.EPOCH);
    }

    @Test
    void ownRejectionReasonsAreLogged() {
        DeadLetter dl = deadLetter(new MalformedSourceRecordException("not JSON at line 1, column 9"));
        assertThat(DeadLetterService.loggableReason(dl)).isEqualTo("not JSON at line 1, column 9");
    }

    @Test
    void foreignExceptionMessagesAreNotLoggedButKept() {
        IllegalStateException error = new IllegalStateException("Key (email)=(wang.fang@example.com) exists");
        DeadLetter dl = deadLetter(error);
        assertThat(DeadLetterService.loggableReason(dl)).doesNotContain("wang.fang")
                .contains("IllegalStateException");
        assertThat(dl.reason()).contains("wang.fang@example.com");
    }
}
