package io.crmhub.ops.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.SourceChange;
import io.crmhub.canonical.SourceRef;
import io.crmhub.connector.SourceHeaders;
import io.crmhub.mapping.ControlCharacters;
import io.crmhub.mapping.MappingException;
import io.crmhub.messaging.DeadLetterMark;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a failed exchange into a {@link DeadLetter}: which record, where from, the specific reason and
 * the raw record. Logs only ids and the reason (reasons are personal-data-free by contract).
 */
@Component("deadLetters")
public class DeadLetterService {

    /** Set on an exchange once it went to the dead letter (batches leave such a change out). */
    public static final String PROPERTY = DeadLetterMark.PROPERTY;
    static final String INSERT = """
            INSERT INTO dead_letter (route_id, source_system, source_entity, source_key, source_position,
                field, reason, error_class, raw_record)
            VALUES (:?dlRoute, :?dlSystem, :?dlEntity, :?dlKey, :?dlPosition, :?dlField, :?dlReason,
                :?dlErrorClass, :?dlRaw)
            """;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterService.class);
    private static final java.util.Set<String> SAFE_REASONS = java.util.Set.of(
            MappingException.class.getName(),
            io.crmhub.connector.MalformedSourceRecordException.class.getName(),
            io.crmhub.connector.OversizedEventException.class.getName(),
            io.crmhub.store.InvalidEventException.class.getName());
    private static final int DEFAULT_MAX_TOPIC_BYTES = 1_000_000;

    private final MeterRegistry registry;
    private final int maxTopicBytes;

    public DeadLetterService(MeterRegistry registry) {
        this(registry, DEFAULT_MAX_TOPIC_BYTES);
    }

    /** @param maxTopicBytes a dead letter larger than this goes to the topic without its raw record (the table has it) */
    @org.springframework.beans.factory.annotation.Autowired
    public DeadLetterService(MeterRegistry registry, io.crmhub.connector.PublishProperties publish) {
        this(registry, publish.maxEventBytes());
    }

    DeadLetterService(MeterRegistry registry, int maxTopicBytes) {
        this.registry = registry;
        this.maxTopicBytes = maxTopicBytes;
    }

    /** Body becomes the dead letter as JSON for the dead-letter topic. */
    public void describe(Exchange exchange) throws JsonProcessingException {
        DeadLetter dl = deadLetterOf(exchange);
        exchange.setProperty(PROPERTY, dl);
        Message m = exchange.getMessage();
        m.removeHeader(KafkaConstants.OVERRIDE_TOPIC);
        m.setHeader(KafkaConstants.KEY, dl.sourceSystem() + ":" + dl.sourceEntity() + ":" + dl.sourceKey());
        m.setBody(topicCopy(dl));
    }

    /**
     * The dead letter as JSON for the topic. One too large for Kafka (an event refused for its size, whose raw record
     * is as large) goes without its raw record, which stays in the {@code dead_letter} table: otherwise the topic
     * would refuse it too, and the dead letter, retried for ever, would hold up its source.
     */
    String topicCopy(DeadLetter dl) throws JsonProcessingException {
        String json = CanonicalJson.mapper().writeValueAsString(dl);
        if (!io.crmhub.connector.PublishProperties.longerThan(json, maxTopicBytes)) {
            return json;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = CanonicalJson.mapper().valueToTree(dl);
        copy.putNull("rawRecord");
        copy.put("rawRecordOmitted", String.format(java.util.Locale.ROOT,
                "%,d bytes: too large for the topic, kept in the dead_letter table",
                dl.rawRecord() == null ? 0 : io.crmhub.connector.PublishProperties.utf8Bytes(dl.rawRecord())));
        return CanonicalJson.mapper().writeValueAsString(copy);
    }

    /** Body becomes the insert statement, headers its parameters, for the Camel JDBC endpoint. */
    public void insertStatement(Exchange exchange) {
        DeadLetter dl = exchange.getProperty(PROPERTY, DeadLetter.class);
        Message m = exchange.getMessage();
        m.setHeader("dlRoute", dl.routeId());
        m.setHeader("dlSystem", dl.sourceSystem());
        m.setHeader("dlEntity", dl.sourceEntity());
        m.setHeader("dlKey", dl.sourceKey());
        m.setHeader("dlPosition", dl.sourcePosition());
        m.setHeader("dlField", dl.field());
        m.setHeader("dlReason", dl.reason());
        m.setHeader("dlErrorClass", dl.errorClass());
        m.setHeader("dlRaw", dl.rawRecord());
        m.setBody(INSERT);
    }

    /** Counts and logs the dead letter once it is safely stored. */
    public void recorded(Exchange exchange) {
        DeadLetter dl = exchange.getProperty(PROPERTY, DeadLetter.class);
        registry.counter("hub.dead.letters", "route", dl.routeId(),
                "source", String.valueOf(dl.sourceSystem())).increment();
        LOG.warn("Dead letter from route {}: {}:{}:{} at {}: {}", dl.routeId(), dl.sourceSystem(),
                dl.sourceEntity(), dl.sourceKey(), dl.sourcePosition(), loggableReason(dl));
    }

    DeadLetter deadLetterOf(Exchange exchange) throws JsonProcessingException {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, "unknown", String.class);
        Object body = exchange.getMessage().getBody();
        String[] src = sourceOf(exchange, body);
        String field = error instanceof MappingException me ? me.field() : null;
        // PostgreSQL text cannot hold U+0000: a record refused for one must still be recordable
        return new DeadLetter(routeId, src[0], src[1], ControlCharacters.escaped(src[2]),
                ControlCharacters.escaped(src[3]), field, reasonOf(error),
                error == null ? "unknown" : error.getClass().getName(), ControlCharacters.escaped(raw(body)),
                Instant.now());
    }

    /** system, entity, key, position: from the source change if mapping failed, else from the Kafka record. */
    private static String[] sourceOf(Exchange exchange, Object body) {
        SourceRef ref = exchange.getMessage().getHeader(SourceHeaders.SOURCE_REF, SourceRef.class);
        if (ref == null && body instanceof CanonicalEvent event) {
            ref = event.source();
        }
        if (ref != null) {
            return new String[] {ref.system(), ref.entity(), ref.key(), ref.position()};
        }
        Object key = exchange.getMessage().getHeader(KafkaConstants.KEY);
        String[] parts = key == null ? new String[0] : key.toString().split(":", 3);
        String position = kafkaPosition(exchange);
        // a partner's system is itself "partner:<id>" (PartnerUpserts.system): its key reads partner:<id>:<entity>:<key>
        if (parts.length == 3 && "partner".equals(parts[0])) {
            String[] rest = parts[2].split(":", 2);
            if (rest.length == 2) {
                return new String[] {parts[0] + ":" + parts[1], rest[0], rest[1], position};
            }
        }
        return parts.length == 3
                ? new String[] {parts[0], parts[1], parts[2], position}
                : new String[] {null, null, key == null ? null : key.toString(), position};
    }

    /**
     * Reasons of the hub's own rejections are written to be personal-data-free; {@link #reasonOf} reduces every
     * other failure to its type, place and (for the database) error codes, so the reason may always be logged.
     */
    static String loggableReason(DeadLetter dl) {
        return dl.reason();
    }

    /**
     * The reason a dead letter keeps and logs. The hub's own rejections carry a message written to be
     * personal-data-free. Any other exception's message may quote the record (a driver's "Key (email)=(…)", the
     * SQL statement with a fragment of a name, a parser quoting its input): a database error is summarised by its
     * SQLState, table, constraint and column, anything else by its type and the hub code it failed in.
     */
    static String reasonOf(Throwable error) {
        if (error == null) {
            return "unknown failure";
        }
        if (SAFE_REASONS.contains(error.getClass().getName())) {
            String msg = error.getMessage();
            return msg == null || msg.isBlank() ? error.getClass().getSimpleName() : ControlCharacters.escaped(msg);
        }
        java.sql.SQLException sql = sqlCause(error);
        return sql != null ? DatabaseErrors.summary(sql)
                : "unexpected " + error.getClass().getName() + DatabaseErrors.where(error);
    }

    private static java.sql.SQLException sqlCause(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String raw(Object body) throws JsonProcessingException {
        if (body == null) {
            return null;
        }
        if (body instanceof String s) {
            return s;
        }
        if (body instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (body instanceof SourceChange || body instanceof CanonicalEvent) {
            return CanonicalJson.mapper().writeValueAsString(body);
        }
        return body.toString();
    }

    private static String kafkaPosition(Exchange exchange) {
        Object topic = exchange.getMessage().getHeader(KafkaConstants.TOPIC);
        Object partition = exchange.getMessage().getHeader(KafkaConstants.PARTITION);
        Object offset = exchange.getMessage().getHeader(KafkaConstants.OFFSET);
        return topic == null ? null : topic + "/" + partition + "@" + offset;
    }
}
