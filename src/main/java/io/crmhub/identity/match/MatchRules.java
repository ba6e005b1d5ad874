package io.crmhub.identity.match;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything that decides whether two customers are one, as read from {@code mappings/identity/match-rules.yaml}
 * so ops can tune it without a rebuild. Every key is required; a broken file fails at start with the key named.
 *
 * @param version        bumped when a change alters outcomes, so explanations can say which rules decided
 * @param thresholds     score bands
 * @param deterministic  rules that link without a score
 * @param cannotLink     rules that forbid a link whatever the score
 * @param nameSimilarity Jaro-Winkler bands for names
 * @param fields         per compared field, its agreement levels
 * @param blocking       how candidate pairs are found
 * @param clustering     guards on the clusters that links build
 */
public record MatchRules(int version, Thresholds thresholds, Deterministic deterministic, CannotLink cannotLink,
                         NameSimilarity nameSimilarity, Map<Field, FieldLevels> fields, Blocking blocking,
                         Clustering clustering) {

    public static final String RESOURCE = "mappings/identity/match-rules.yaml";

    /** Keys are kebab-case in the file (cannot-link, max-block-size), camelCase in Java. */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public MatchRules {
        require(thresholds, "thresholds");
        require(deterministic, "deterministic");
        require(cannotLink, "cannot-link");
        require(nameSimilarity, "name-similarity");
        require(fields, "fields");
        require(blocking, "blocking");
        require(clustering, "clustering");
        fields = Map.copyOf(new EnumMap<>(fields));
        for (Field field : Field.values()) {
            require(fields.get(field), "fields." + field.name().toLowerCase());
        }
    }

    /**
     * @param merge          score at or above which two records are linked
     * @param review         lower bound of the review band
     * @param reviewMinFields fields that must agree (weigh more than 0) for a pair in the review band to be reviewed:
     *                       a pair sharing a name and nothing else gives a person nothing to decide on (1 reviews
     *                       every pair in the band)
     */
    public record Thresholds(double merge, double review, Integer reviewMinFields) {
        public Thresholds {
            if (review > merge) {
                throw new IllegalArgumentException("thresholds.review must not exceed thresholds.merge");
            }
            require(reviewMinFields, "thresholds.review-min-fields");
            if (reviewMinFields < 1 || reviewMinFields > Field.values().length) {
                throw new IllegalArgumentException("thresholds.review-min-fields must be between 1 and "
                        + Field.values().length);
            }
        }
    }

    /** @param sameTaxId same valid tax id links; @param sameEmail same non-role e-mail links */
    public record Deterministic(boolean sameTaxId, boolean sameEmail, SamePhone samePhone) {
        public Deterministic {
            require(samePhone, "deterministic.same-phone");
        }
    }

    /**
     * @param minNameSimilarity  Jaro-Winkler of the name keys at or above which the same phone links
     * @param maxRecordsSharing  a number carried by more records than this is a switchboard and links nothing
     */
    public record SamePhone(double minNameSimilarity, long maxRecordsSharing) {}

    /**
     * @param differentTaxIds      two different valid tax ids
     * @param branchAndHeadOffice  branch vs non-branch
     * @param differentResidentIds two different valid China resident ids (GB 11643 check character right)
     */
    public record CannotLink(boolean differentTaxIds, boolean branchAndHeadOffice, boolean differentResidentIds) {}

    /** Jaro-Winkler lower bounds of the fuzzy name levels. */
    public record NameSimilarity(double fuzzyHigh, double fuzzyLow) {
        public NameSimilarity {
            if (fuzzyLow > fuzzyHigh) {
                throw new IllegalArgumentException("name-similarity.fuzzy-low must not exceed fuzzy-high");
            }
        }
    }

    /**
     * @param maxBlockSize     larger blocks are purged
     * @param namePrefixLength name-key characters in a block key
     * @param narrowBlockSize  a pair whose only shared blocks of the {@code narrowKinds} are larger than this (an
     *                         office building) must share a second key to be compared; absent: as
     *                         {@code maxBlockSize} (every pair of a kept block is compared)
     * @param narrowKinds      the block key kinds ({@code address}, {@code phone} …, the part before the first colon)
     *                         the narrow rule applies to; absent: none
     */
    public record Blocking(int maxBlockSize, int namePrefixLength, Integer narrowBlockSize,
                           java.util.Set<String> narrowKinds) {
        public Blocking {
            if (maxBlockSize < 2 || namePrefixLength < 1) {
                throw new IllegalArgumentException("blocking.max-block-size must be >= 2, name-prefix-length >= 1");
            }
            if (narrowBlockSize == null) {
                narrowBlockSize = maxBlockSize;
            } else if (narrowBlockSize < 2 || narrowBlockSize > maxBlockSize) {
                throw new IllegalArgumentException("blocking.narrow-block-size must be between 2 and max-block-size");
            }
            narrowKinds = narrowKinds == null ? java.util.Set.of() : java.util.Set.copyOf(narrowKinds);
        }

        public Blocking(int maxBlockSize, int namePrefixLength) {
            this(maxBlockSize, namePrefixLength, null, null);
        }

        /** Whether the narrow rule applies to this block key at all (its kind is listed). */
        public boolean narrowed(String key) {
            int colon = key.indexOf(':');
            return colon > 0 && narrowKinds.contains(key.substring(0, colon));
        }

        /** Whether a block of {@code key} with {@code size} records yields its pairs without a second shared key. */
        public boolean narrow(String key, long size) {
            return size <= narrowBlockSize || !narrowed(key);
        }
    }

    /** @param maxClusterSize a cluster is never grown past this many records */
    public record Clustering(int maxClusterSize) {}

    /** The packaged rules file. */
    public static MatchRules fromClasspath() {
        try (InputStream in = MatchRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("match rules not on the classpath: " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Rules from any YAML stream in the format of match-rules.yaml; unknown keys are rejected. */
    public static MatchRules read(InputStream yaml) throws IOException {
        return YAML.readValue(yaml, MatchRules.class);
    }

    private static void require(Object value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(RESOURCE + ": missing '" + key + "'");
        }
    }
}
