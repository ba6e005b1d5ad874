package io.crmhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every partner's changes ({@code partner:<id>}) are mapped by the one partner mapping, keeping their own system. */
class PartnerMappingTest {

    private static final MappingEngine ENGINE = MappingEngine.load();

    @Test
    void aPartnerInstanceUsesThePartnerFamilyMappingAndKeepsItsOwnSystem() throws MappingException {
        SourceChange change = new SourceChange("partner:acme", "customers", ChangeOp.UPDATE, "K-1", "v7", 7,
                Instant.parse("2026-11-22T08:00:00Z"), Map.of("kind", "PERSON", "name", "王芳"));

        CanonicalEvent event = ENGINE.map(change, Instant.EPOCH);

        assertThat(event.mappingVersion()).isEqualTo("partner-customers@1");
        assertThat(event.source().system()).isEqualTo("partner:acme");
        assertThat(event.source().qualifiedKey()).isEqualTo("partner:acme:customers:K-1");
        assertThat(event.source().sequence()).isEqualTo(7);
        assertThat(event.payload().at("/name").asText()).isEqualTo("王芳");
    }

    @Test
    void aFamilyWithoutAMappingIsStillUnmapped() {
        SourceChange change = new SourceChange("vendor:x", "customers", ChangeOp.UPDATE, "K-1", "1", 1,
                Instant.EPOCH, Map.of());

        assertThatThrownBy(() -> ENGINE.map(change, Instant.EPOCH)).isInstanceOf(MappingException.class)
                .hasMessage("no mapping for vendor:x/customers");
    }
}
