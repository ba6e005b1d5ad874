package io.crmhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.SourceChange;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Broken mapping files must stop start-up with the file and field named, so ops can fix them. */
class MappingLoaderTest {

    private static MappingEngine load(String folder) {
        return MappingEngine.load("classpath*:bad-mappings/" + folder + "/*.yaml");
    }

    @Test
    void unknownTransformNamesFileAndField() {
        assertThatThrownBy(() -> load("unknown-transform"))
                .isInstanceOf(MappingDefinitionException.class)
                .hasMessageContaining("unknown-transform/customers.yaml")
                .hasMessageContaining("field 'phones'")
                .hasMessageContaining("unknown transform 'phnoe'");
    }

    @Test
    void unknownTargetFieldNamesFileAndField() {
        assertThatThrownBy(() -> load("unknown-field"))
                .hasMessageContaining("unknown-field/customers.yaml")
                .hasMessageContaining("field 'nickname'")
                .hasMessageContaining("is not a field of Customer");
    }

    @Test
    void missingFromNamesFileAndField() {
        assertThatThrownBy(() -> load("missing-from"))
                .hasMessageContaining("missing-from/customers.yaml")
                .hasMessageContaining("field 'name'")
                .hasMessageContaining("has no 'from'");
    }

    @Test
    void mapIntoEnumMustProduceEnumConstants() {
        assertThatThrownBy(() -> load("bad-enum"))
                .hasMessageContaining("field 'lifecycleStatus'")
                .hasMessageContaining("'ACTIVE', which is not one of LEAD, PROSPECT, CUSTOMER, CHURNED");
    }

    @Test
    void aRequiredFieldCannotDropInvalidValues() {
        assertThatThrownBy(() -> load("drop-required"))
                .hasMessageContaining("drop-required/customers.yaml")
                .hasMessageContaining("field 'name'")
                .hasMessageContaining("cannot drop invalid values");
    }

    @Test
    void defaultLocationsLoadAllErpMappings() {
        // other systems' mappings live beside these; this test is about the ERP ones
        assertThat(MappingEngine.load().sources()).filteredOn(s -> s.startsWith("erp/")).containsExactly(
                "erp/customers", "erp/payment_receipts", "erp/sales_order_lines", "erp/sales_orders");
    }

    @Test
    void unmappedSourceIsAMappingException() {
        SourceChange change = new SourceChange("erp", "xyz", ChangeOp.CREATE, "1", "0/1", 1,
                Instant.EPOCH, Map.of());
        assertThatThrownBy(() -> MappingEngine.load().map(change, Instant.EPOCH))
                .isInstanceOf(MappingException.class)
                .hasMessage("no mapping for erp/xyz");
    }
}
