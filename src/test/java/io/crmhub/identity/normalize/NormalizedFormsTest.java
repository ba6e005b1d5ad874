package io.crmhub.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.identity.eval.PersonRecords;
import io.crmhub.identity.eval.SyntheticCustomers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizedFormsTest {

    private static final CustomerNormalizer NORMALIZER = CustomerNormalizer.fromClasspath("CN");

    @Test
    void aStoredFormReadsBackAsTheSameNormalisedCustomer() {
        List<NormalizedCustomer> forms = new ArrayList<>();
        // companies and people of every shape the generators make: Han and Latin names, branches, invalid tax ids,
        // international addresses, role mailboxes, resident ids, passports, birth dates
        new SyntheticCustomers(5).generate(3_000, (i, customer, entity) -> forms.add(NORMALIZER.normalize(customer)));
        new PersonRecords(5, true).generate(1_000, (i, customer, entity) -> forms.add(NORMALIZER.normalize(customer)));
        new PersonRecords(6, false).generate(1_000, (i, customer, entity) -> forms.add(NORMALIZER.normalize(customer)));

        for (NormalizedCustomer form : forms) {
            assertThat(NormalizedForms.read(NormalizedForms.write(form))).isEqualTo(form);
        }
        assertThat(forms).anyMatch(f -> f.taxId() != null && !f.taxId().valid())
                .anyMatch(f -> !f.documents().isEmpty()).anyMatch(f -> f.birthDate() != 0)
                .anyMatch(f -> f.addresses().stream().anyMatch(NormalizedAddress::international))
                .anyMatch(f -> f.name() != null && f.name().branch());
    }

    @Test
    void somethingThatIsNotAFormIsNotUsedAsOne() {
        assertThat(NormalizedForms.read("{\"kind\":\"ALIEN\"}")).isNull();
        assertThat(NormalizedForms.read("not json")).isNull();
    }

    @Test
    void theFingerprintNamesTheNormaliserAndItsRegion() {
        assertThat(NormalizedForms.fingerprint("CN")).hasSize(16).isEqualTo(NormalizedForms.fingerprint("CN"))
                .isNotEqualTo(NormalizedForms.fingerprint("DE"));
    }
}
