package io.crmhub.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.Customer;
import io.crmhub.identity.eval.SyntheticCustomers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-pass fold of plain names must give exactly what the step-by-step fold gives. */
class NameFoldingTest {

    @ParameterizedTest
    @ValueSource(strings = {"张伟", "张 伟", " 林  丽 晨 ", "ZHANG Wei", "IBM中国", "IBM 中国", "中国IBM", "3M中国",
        "华为2号", "a", " ", "Wang  Wei 王伟", "王伟 wang", "X U X I A O", "abc123", "龥一"})
    void plainNamesFoldAsAnyText(String name) {
        assertThat(NameFolding.fold(name)).isEqualTo(NameFolding.foldAny(name));
    }

    @Test
    void everySyntheticNameFoldsAsAnyText() {
        List<String> names = new ArrayList<>();
        new SyntheticCustomers(7).generate(30_000, (index, customer, entity) -> names.add(customer.name()));
        for (String name : names) {
            assertThat(NameFolding.fold(name)).as(name).isEqualTo(NameFolding.foldAny(name));
        }
    }

    @Test
    void hanAsUnicodeScriptsHaveItForEveryCodePoint() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            boolean han = Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
            if (NameFolding.isHan(cp) != han) {
                assertThat(NameFolding.isHan(cp)).as("U+%04X", cp).isEqualTo(han);
            }
        }
    }
}
