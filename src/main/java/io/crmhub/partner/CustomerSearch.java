package io.crmhub.partner;

import io.crmhub.canonical.CanonicalJson;
import io.crmhub.identity.normalize.PhoneNormalizer;
import io.crmhub.identity.resolve.IdentityProperties;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Searches active golden customers. Each criterion uses an index of V8: name by trigram similarity
 * ({@code %}, pg_trgm GIN) or substring, phone and email by JSONB containment (GIN), tax id by equality.
 * Criteria are normalised like source values (half-width, E.164, lower-case e-mail), so a partner finds
 * {@code +8613800138000} by typing {@code 138 0013 8000}.
 */
@Service
public class CustomerSearch {

    static final int MAX_SIZE = 100;
    static final int MAX_OFFSET = 10_000;
    private static final Map<String, String> SORTS = Map.of(
            "relevance", "score DESC NULLS LAST, name", "name", "name", "-name", "name DESC",
            "updatedAt", "updated_at", "-updatedAt", "updated_at DESC");

    private final NamedParameterJdbcTemplate jdbc;
    private final PhoneNormalizer phones;

    CustomerSearch(NamedParameterJdbcTemplate jdbc, IdentityProperties identity) {
        this.jdbc = jdbc;
        this.phones = new PhoneNormalizer(identity.defaultPhoneRegion());
    }

    public SearchPage search(SearchCriteria c) {
        String sort = c.sort() == null || c.sort().isBlank() ? "relevance" : c.sort();
        check(c, sort);
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("limit", c.size() + 1)
                .addValue("offset", c.page() * c.size());
        List<String> where = conditions(c, params);
        String score = present(c.name()) ? "similarity(name, :name)" : "NULL::real";
        String sql = "SELECT golden_id, name, kind, tax_id, lifecycle_status, updated_at, " + score + " AS score"
                + " FROM golden_customer WHERE " + String.join(" AND ", where)
                + " ORDER BY " + SORTS.get(sort) + ", golden_id LIMIT :limit OFFSET :offset";
        return SearchPage.of(c.page(), c.size(), jdbc.query(sql, params, (rs, n) -> new SearchPage.Summary(
                UUID.fromString(rs.getString("golden_id")), rs.getString("name"), rs.getString("kind"),
                rs.getString("tax_id"), rs.getString("lifecycle_status"), rs.getTimestamp("updated_at").toInstant(),
                (Double) (rs.getObject("score") == null ? null : rs.getDouble("score")))));
    }

    private List<String> conditions(SearchCriteria c, MapSqlParameterSource params) {
        List<String> where = new ArrayList<>(List.of("status = 'ACTIVE'"));
        if (present(c.name())) {
            String name = Normalizer.normalize(c.name(), Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
            params.addValue("name", name).addValue("pattern", "%" + name.replaceAll("([\\\\%_])", "\\\\$1") + "%");
            where.add("(name % :name OR name ILIKE :pattern)");
        }
        if (present(c.phone())) {
            String e164 = phones.normalize(c.phone()).orElseThrow(() -> PartnerException.invalid("phone",
                    "is not a phone number")).e164();
            params.addValue("phone", CanonicalJson.write(List.of(Map.of("e164", e164))));
            where.add("record->'phones' @> CAST(:phone AS jsonb)");
        }
        if (present(c.email())) {
            params.addValue("email", CanonicalJson.write(List.of(c.email().strip().toLowerCase(Locale.ROOT))));
            where.add("record->'emails' @> CAST(:email AS jsonb)");
        }
        if (present(c.taxId())) {
            params.addValue("taxId", Normalizer.normalize(c.taxId(), Normalizer.Form.NFKC)
                    .replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT));
            where.add("tax_id = :taxId");
        }
        return where;
    }

    private static void check(SearchCriteria c, String sort) {
        if (!present(c.name()) && !present(c.phone()) && !present(c.email()) && !present(c.taxId())) {
            throw new PartnerException(PartnerException.Reason.INVALID, null,
                    "give at least one of name, phone, email, taxId");
        }
        if (present(c.name()) && c.name().strip().length() > 200) {
            throw PartnerException.invalid("name", "must be at most 200 characters");
        }
        if (!SORTS.containsKey(sort)) {
            throw PartnerException.invalid("sort", "must be one of relevance, name, -name, updatedAt, -updatedAt");
        }
        if (c.size() < 1 || c.size() > MAX_SIZE) {
            throw PartnerException.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        if (c.page() < 0 || (long) c.page() * c.size() > MAX_OFFSET) {
            throw PartnerException.invalid("page", "must be 0 or more, and page × size at most " + MAX_OFFSET
                    + " (narrow the search instead of paging deeper)");
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
