package io.crmhub.partner;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.EntityRef;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.CanonicalEventPublisher;
import io.crmhub.mapping.MappingException;
import io.crmhub.partner.PartnerException.Reason;
import io.crmhub.partner.PartnerRecords.Reservation;
import io.crmhub.partner.PartnerRecords.Status;
import io.crmhub.partner.UpsertResult.State;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Service;

/**
 * A partner's customer write, through the same path as every source: the body becomes a {@link SourceChange} of
 * system {@code partner:<id>}, is mapped by {@code mappings/partner/customers.yaml}, published to the canonical
 * customer topic, applied by the store and linked by identity resolution. The change is mapped once before its
 * version is taken, so a bad request is a 400 that leaves the partner's ETag as it was. Publishing happens after
 * the version is committed: a failed publish wastes a version number (harmless, sequences only need to grow),
 * never reuses one.
 */
@Service
public class PartnerUpserts {

    public static final String ENTITY = "customers";
    static final String PUBLISH = "direct:partner-customers-publish";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final PartnerRecords records;
    private final CanonicalEventPublisher publisher;
    private final ProducerTemplate producer;
    private final GoldenCustomers golden;
    private final PartnerValidation validation;
    private final PartnerProperties properties;

    PartnerUpserts(PartnerRecords records, CanonicalEventPublisher publisher, ProducerTemplate producer,
                   GoldenCustomers golden, PartnerValidation validation, PartnerProperties properties) {
        this.records = records;
        this.publisher = publisher;
        this.producer = producer;
        this.golden = golden;
        this.validation = validation;
        this.properties = properties;
    }

    /** @param wait wait (up to {@code hub.partners.upsert-wait-ms}) for the store to apply and link the write */
    public UpsertResult upsert(String partner, String key, PartnerCustomer customer, Precondition pre, boolean wait) {
        checkKey(key);
        validation.check(customer);
        map(partner, key, customer, new Reservation(0, false));
        Reservation reservation = records.reserve(partner, key, pre, properties.requireIfMatch());
        CanonicalEvent event = map(partner, key, customer, reservation);
        try {
            producer.requestBody(PUBLISH, event);
        } catch (CamelExecutionException e) {
            throw new PartnerException(Reason.UNAVAILABLE, null, "the hub could not accept the write now ("
                    + e.getCause().getClass().getSimpleName() + "); retry with the same request", e);
        }
        UpsertResult accepted = result(partner, key, reservation.version(), reservation.created(), null);
        return wait ? awaitApplied(accepted) : accepted;
    }

    /** How far the store has got with the partner's record. */
    public UpsertResult status(String partner, String key) {
        checkKey(key);
        Status status = records.status(partner, key).orElseThrow(() -> new PartnerException(Reason.NOT_FOUND, null,
                "partner " + partner + " has written no customer " + key));
        return result(partner, key, status.version(), false, status);
    }

    private CanonicalEvent map(String partner, String key, PartnerCustomer customer, Reservation reservation) {
        SourceChange change = new SourceChange(system(partner), ENTITY, reservation.created() ? ChangeOp.CREATE
                : ChangeOp.UPDATE, key, "v" + reservation.version(), reservation.version(), Instant.now(),
                customer.row());
        try {
            return publisher.map(change);
        } catch (MappingException e) {
            String field = PartnerValidation.requestField(e.field());
            throw new PartnerException(Reason.INVALID, field, field + ": " + e.reason(), e);
        }
    }

    private UpsertResult awaitApplied(UpsertResult accepted) {
        long deadline = System.nanoTime() + properties.upsertWaitMs() * 1_000_000;
        long pauseMs = 5;
        while (true) {
            Optional<Status> status = records.status(accepted.partnerId(), accepted.partnerKey());
            if (status.isPresent() && failed(status.get(), accepted.version())) {
                // refused by the store (its dead letter): no use waiting for it
                return result(accepted.partnerId(), accepted.partnerKey(), accepted.version(), accepted.created(),
                        status.get());
            }
            if (status.isPresent() && applied(status.get(), accepted.version())) {
                UpsertResult done = result(accepted.partnerId(), accepted.partnerKey(), accepted.version(),
                        accepted.created(), status.get());
                return new UpsertResult(done.partnerId(), done.partnerKey(), done.source(), done.version(),
                        done.created(), done.state(), done.goldenId(), golden.get(done.goldenId()));
            }
            if (System.nanoTime() + pauseMs * 1_000_000 > deadline) {
                return accepted;
            }
            pause(pauseMs);
            pauseMs = Math.min(100, pauseMs * 2);
        }
    }

    private static boolean applied(Status status, long version) {
        return status.appliedSequence() != null && status.appliedSequence() >= version && status.goldenId() != null;
    }

    /** The latest write was refused by the store (a dead letter recorded after it), and is not applied. */
    private static boolean failed(Status status, long version) {
        return status.failure() != null && status.version() == version && !applied(status, version);
    }

    private static UpsertResult result(String partner, String key, long version, boolean created, Status status) {
        boolean applied = status != null && applied(status, version);
        boolean failed = status != null && failed(status, version);
        return new UpsertResult(partner, key, new EntityRef(system(partner), ENTITY, key), version, created,
                applied ? State.APPLIED : failed ? State.FAILED : State.PENDING, applied ? status.goldenId() : null,
                null, failed ? status.failure() : null);
    }

    /** The source system of a partner's records. */
    public static String system(String partner) {
        return "partner:" + partner;
    }

    private static void checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw PartnerException.invalid("partnerKey", "must be 1 to 64 letters, digits or . _ : - "
                    + "(starting with a letter or digit)");
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartnerException(Reason.UNAVAILABLE, null, "interrupted while waiting for the store", e);
        }
    }
}
