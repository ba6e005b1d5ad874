package io.crmhub.identity.resolve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.EntityRef;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.SourceRef;
import io.crmhub.identity.normalize.UnifiedSocialCreditCode;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Canonical customer and order events for identity tests, with unique values per test run. */
final class Customers {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis());
    private static final Random RANDOM = new Random();

    private Customers() {}

    /** A builder of one source customer; every call of {@link #event} is a newer change of it. */
    static Builder customer(String system, String key) {
        return new Builder(system, key);
    }

    static String uniqueEmail(String local) {
        return local + "." + Long.toString(SEQUENCE.incrementAndGet(), 36) + "@example-" + RANDOM.nextInt(1000) + ".cn";
    }

    /** A role mailbox (info@) of a domain nobody else in the store has: shared, so it is not a block key. */
    static String uniqueRoleMailbox() {
        return uniqueEmail("x").replaceFirst("^[^@]+", "info");
    }

    /** A mobile number nobody else in the store has: 139 + 8 random digits. */
    static String uniqueMobile() {
        return "+86139" + String.format("%08d", RANDOM.nextInt(100_000_000));
    }

    static String validTaxId() {
        StringBuilder sb = new StringBuilder("91310115");
        for (int i = 0; i < 9; i++) {
            sb.append(UnifiedSocialCreditCode.ALPHABET.charAt(RANDOM.nextInt(i == 8 ? 10 : 31)));
        }
        return sb.append(UnifiedSocialCreditCode.checkChar(sb)).toString();
    }

    static CanonicalEvent order(String system, String key, EntityRef customer) {
        long seq = SEQUENCE.incrementAndGet();
        SourceRef src = new SourceRef(system, "orders", key, "pos-" + seq, seq);
        ObjectNode payload = CanonicalJson.mapper().createObjectNode().put("orderNumber", "SO-" + key)
                .put("orderDate", "2024-06-01").put("status", "CONFIRMED").put("currency", "CNY")
                .put("totalAmount", "100.00");
        payload.putObject("customer").put("system", customer.system()).put("entity", customer.entity())
                .put("key", customer.key());
        return event(EntityType.ORDER, src, ChangeOp.UPDATE, payload);
    }

    static CanonicalEvent event(EntityType type, SourceRef src, ChangeOp op, ObjectNode payload) {
        return new CanonicalEvent(CanonicalEvent.eventIdFor(src, op), CanonicalEvent.typeFor(type, op),
                CanonicalEvent.SCHEMA_VERSION, type, op, src, src.system() + "@1",
                Instant.parse("2024-06-04T05:00:00Z").plusMillis(src.sequence() % 1_000_000_000L), Instant.now(),
                op.isDelete() ? null : payload, null);
    }

    static final class Builder {
        private final String system;
        private final String key;
        private final ObjectNode payload = CanonicalJson.mapper().createObjectNode();

        Builder(String system, String key) {
            this.system = system;
            this.key = key;
            payload.put("number", key).put("kind", "PERSON").put("lifecycleStatus", "CUSTOMER");
        }

        Builder organisation() {
            payload.put("kind", "ORGANISATION");
            return this;
        }

        Builder name(String name) {
            payload.put("name", name);
            return this;
        }

        Builder email(String email) {
            ArrayNode emails = payload.withArray("emails");
            emails.removeAll();
            emails.add(email);
            return this;
        }

        Builder phone(String e164) {
            ArrayNode phones = payload.withArray("phones");
            phones.removeAll();
            phones.addObject().put("e164", e164).put("type", "MOBILE");
            return this;
        }

        Builder taxId(String taxId) {
            payload.put("taxId", taxId);
            return this;
        }

        EntityRef ref() {
            return new EntityRef(system, "customers", key);
        }

        CanonicalEvent event() {
            long seq = SEQUENCE.incrementAndGet();
            return Customers.event(EntityType.CUSTOMER, new SourceRef(system, "customers", key, "pos-" + seq, seq),
                    ChangeOp.UPDATE, payload.deepCopy());
        }

        CanonicalEvent delete() {
            long seq = SEQUENCE.incrementAndGet();
            return Customers.event(EntityType.CUSTOMER, new SourceRef(system, "customers", key, "pos-" + seq, seq),
                    ChangeOp.DELETE, null);
        }
    }
}
