package io.crmhub.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.EntityRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Golden customers by id for partners. A partner may hold an id that was merged away: {@link #survivorOf}
 * follows {@code merged_into} to the customer that absorbed it, so old ids keep working.
 *
 * <p>A read asks the store for the customer's status and version, and for its fields, provenance and links only when
 * the version is not the one the caller already has ({@link #current}: the rendered JSON kept in
 * {@link RenderedCustomers}, or the version in the client's {@code If-None-Match}); the asks of concurrent requests
 * share one statement ({@link GoldenReads}). The version moves with every change of what this view shows: golden
 * fields, status, links (a record linked, moved by a merge or an unmerge, or deleted at its source, each of which
 * recomputes the golden customer), so a rendering kept by version is exact, and so is the ETag.
 */
@Service
public class GoldenCustomers implements DisposableBean {

    /** Longer chains than this mean a cycle, which merges never create; stop rather than loop. */
    private static final int MAX_HOPS = 32;
    /** Threads answering reads; each holds a pooled connection only while its statement runs. */
    private static final int READERS = 2;

    /**
     * A golden customer as of one version: merged into another ({@code mergedInto}), unchanged since the version
     * the caller knew ({@code json} null), or rendered ({@code json}).
     */
    public record Current(UUID goldenId, String status, UUID mergedInto, long version, byte[] json) {

        public boolean merged() {
            return "MERGED".equals(status);
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final GoldenReads reads;
    private final RenderedCustomers rendered;
    private final Counter hits;
    private final Counter misses;

    GoldenCustomers(NamedParameterJdbcTemplate jdbc, ObjectMapper json, PartnerProperties properties,
                    MeterRegistry registry) {
        this.jdbc = jdbc;
        this.json = json;
        DistributionSummary batches = DistributionSummary.builder("hub.partners.customer.reads.batch")
                .description("Partner reads of golden customers answered by one statement").register(registry);
        this.reads = new GoldenReads(jdbc.getJdbcTemplate(), READERS, batches::record);
        this.rendered = new RenderedCustomers(properties.readCacheMb() * 1024L * 1024L);
        this.hits = Counter.builder("hub.partners.customer.renderings").tag("result", "hit")
                .description("Partner reads of a golden customer served from its kept rendering (version checked)")
                .register(registry);
        this.misses = Counter.builder("hub.partners.customer.renderings").tag("result", "miss")
                .description("Partner reads of a golden customer that rendered it (new version, or not kept)")
                .register(registry);
        Gauge.builder("hub.partners.customer.renderings.bytes", rendered, RenderedCustomers::bytes)
                .description("Bytes of golden customer JSON kept for partner reads").baseUnit("bytes")
                .register(registry);
    }

    /** The id itself when it is not merged, else the id of the golden customer it was merged into, transitively. */
    public UUID survivorOf(UUID id) {
        UUID current = id;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            UUID asked = current;
            UUID next = jdbc.query("SELECT merged_into FROM golden_customer WHERE golden_id = :id",
                    new MapSqlParameterSource("id", asked), rs -> rs.next()
                            ? (rs.getString(1) == null ? asked : UUID.fromString(rs.getString(1))) : null);
            if (next == null) {
                throw new PartnerException(PartnerException.Reason.NOT_FOUND, null, "no customer " + id);
            }
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        throw new IllegalStateException("golden customer " + id + " is merged through more than " + MAX_HOPS + " ids");
    }

    /** The golden customer with this id, not following merges (the caller decides how to answer a merged id). */
    public CustomerView get(UUID id) {
        return view(id, found(id, reads.readNow(id, -1)));
    }

    /**
     * The golden customer with this id as JSON, not following merges; one query, shared with concurrent reads.
     * {@code json} is null when the customer is still at {@code clientVersion} (the client's If-None-Match; -1 for
     * none): then the answer is 304 and nothing was rendered.
     */
    public Current current(UUID id, long clientVersion) {
        RenderedCustomers.Entry kept = rendered.get(id);
        GoldenReads.Row row = found(id, reads.read(id, kept != null ? kept.version() : clientVersion));
        if (row.unchanged()) {
            if (kept != null && kept.version() == row.version()) {
                hits.increment();
                return new Current(id, row.status(), row.mergedInto(), row.version(), kept.json());
            }
            return new Current(id, row.status(), row.mergedInto(), row.version(), null); // at clientVersion
        }
        misses.increment();
        byte[] body = render(view(id, row));
        if (!"MERGED".equals(row.status())) {
            rendered.put(id, new RenderedCustomers.Entry(row.version(), body));
        }
        return new Current(id, row.status(), row.mergedInto(), row.version(), body);
    }

    @Override
    public void destroy() {
        reads.close();
    }

    private static GoldenReads.Row found(UUID id, GoldenReads.Row row) {
        if (row == null) {
            throw new PartnerException(PartnerException.Reason.NOT_FOUND, null, "no customer " + id);
        }
        return row;
    }

    private static CustomerView view(UUID id, GoldenReads.Row row) {
        return new CustomerView(id, row.status(), row.version(), row.createdAt(), row.updatedAt(),
                tree(row.record()), tree(row.provenance()), links(row.links()));
    }

    private static List<CustomerView.Link> links(String array) {
        if (array == null) {
            return List.of();
        }
        JsonNode rows = tree(array);
        List<CustomerView.Link> links = new ArrayList<>(rows.size());
        for (JsonNode l : rows) {
            links.add(new CustomerView.Link(new EntityRef(l.get(0).asText(), l.get(1).asText(), l.get(2).asText()),
                    l.get(3).asText(), Instant.EPOCH.plus(l.get(4).asLong(), ChronoUnit.MICROS), l.get(5).asBoolean()));
        }
        return links;
    }

    private static JsonNode tree(String text) {
        try {
            return CanonicalJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored golden customer is not JSON", e);
        }
    }

    /** The same JSON the API's message converter would write for the view (the application's ObjectMapper). */
    private byte[] render(CustomerView view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("golden customer " + view.goldenId() + " did not serialise", e);
        }
    }
}
