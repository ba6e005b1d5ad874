package io.crmhub.ops.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.connector.MalformedSourceRecordException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.jdbc.UncategorizedSQLException;
import org.junit.jupiter.api.Test;

/** A dead letter's reason is free of personal data and SQL text, so it may be stored, published and logged. */
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
    void foreignExceptionMessagesAreNeitherLoggedNorKept() {
        IllegalStateException error = new IllegalStateException("Key (email)=(wang.fang@example.com) exists");
        DeadLetter dl = deadLetter(error);
        assertThat(dl.reason()).doesNotContain("wang.fang").startsWith("unexpected java.lang.IllegalStateException at "
                + DeadLetterServiceTest.class.getName());
        assertThat(DeadLetterService.loggableReason(dl)).isEqualTo(dl.reason());
    }

    /** The case: the driver's message held the whole statement and a fragment of the customer's name. */
    @Test
    void aDatabaseErrorIsSummarisedByStateTableConstraintAndColumn() {
        PSQLException driver = new PSQLException(new ServerErrorMessage("SERROR\0VERROR\0C23505\0Mduplicate key value "
                + "violates unique constraint \"customer_record_email_key\"\0DKey (email)=(wang.fang@example.com) "
                + "already exists.\0scrm\0tcustomer_record\0ncustomer_record_email_key\0cemail\0"));
        RuntimeException error = new UncategorizedSQLException("apply", "INSERT INTO customer_record (name) VALUES "
                + "('王芳')", driver);
        DeadLetter dl = deadLetter(error);
        assertThat(dl.reason()).isEqualTo("database refused the write: SQLState 23505 (unique violation), table "
                + "customer_record, constraint customer_record_email_key, column email");

        DeadLetter plain = deadLetter(new RuntimeException(new java.sql.SQLException("ERROR: 王芳 \u0000", "22P05")));
        assertThat(plain.reason()).isEqualTo("database refused the write: SQLState 22P05 (untranslatable character)");
    }

    @Test
    void aNulInTheRecordIsEscapedSoTheDeadLetterCanBeStored() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new MalformedSourceRecordException("missing shipmentNumber"));
        exchange.getMessage().setHeader(KafkaConstants.KEY, "scm:shipments:S\u00001");
        exchange.getMessage().setBody("{\"name\":\"a\u0000b\tc\"}");
        DeadLetter dl = new DeadLetterService(new SimpleMeterRegistry()).deadLetterOf(exchange);
        assertThat(dl.sourceKey()).isEqualTo("S\\u00001");
        assertThat(dl.rawRecord()).isEqualTo("{\"name\":\"a\\u0000b\tc\"}");
    }

    @Test
    void aPartnerRecordKeepsItsSystemWholeAndAColonInItsKey() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new MalformedSourceRecordException("refused"));
        exchange.getMessage().setHeader(KafkaConstants.KEY, "partner:acme:customers:K:7");
        exchange.getMessage().setBody("{}");
        DeadLetter dl = new DeadLetterService(new SimpleMeterRegistry()).deadLetterOf(exchange);
        assertThat(dl.sourceSystem()).isEqualTo("partner:acme");
        assertThat(dl.sourceEntity()).isEqualTo("customers");
        assertThat(dl.sourceKey()).isEqualTo("K:7");
    }
}
