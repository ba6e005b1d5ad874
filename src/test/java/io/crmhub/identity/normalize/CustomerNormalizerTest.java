package io.crmhub.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.Customer.Address;
import io.crmhub.canonical.Customer.LifecycleStatus;
import io.crmhub.canonical.Customer.PartyKind;
import io.crmhub.canonical.Customer.Phone;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerNormalizerTest {

    private static final CustomerNormalizer NORMALIZER = CustomerNormalizer.fromClasspath("CN");

    private static Customer customer(PartyKind kind, String name, String contact, String taxId, List<String> emails,
                                     Phone... phones) {
        return new Customer("C-1", kind, name, contact, emails, Arrays.asList(phones),
                List.of(new Address("CN", "上海", "上海市", "浦东新区世纪大道１００号5楼501室", "200120")),
                taxId, "manufacturing", "owner", LifecycleStatus.CUSTOMER);
    }

    @Test
    void anOrganisationGetsEveryBlockingKey() {
        NormalizedCustomer n = NORMALIZER.normalize(customer(PartyKind.ORGANISATION, "华为技术有限公司上海分公司",
                "张　伟", " 91350100m000100y43 ", List.of("Info@Huawei.com", "zhang.wei@huawei.com", "INFO@huawei.com"),
                new Phone("+8613800138000", "mobile"), new Phone("+864008108888", "unknown"),
                new Phone("+8613800138000", "mobile")));

        assertThat(n.nameKey()).isEqualTo("华为技术 上海");
        assertThat(n.name().branch()).isTrue();
        assertThat(n.name().legalForm()).isEqualTo("有限公司");
        assertThat(n.pinyinKey()).isEqualTo("hai hua ji shang shu wei");
        assertThat(n.contactName().matchKey()).isEqualTo("张伟"); // spaces between Han characters are typing, not words
        assertThat(n.phones()).containsExactly(new NormalizedPhone("+8613800138000", PhoneType.MOBILE),
                new NormalizedPhone("+864008108888", PhoneType.SERVICE));
        assertThat(n.emails()).containsExactly(new NormalizedEmail("info@huawei.com", "huawei.com", true),
                new NormalizedEmail("zhang.wei@huawei.com", "huawei.com", false));
        assertThat(n.validTaxId()).contains("91350100M000100Y43");
        assertThat(n.addresses()).singleElement().extracting(NormalizedAddress::matchKey)
                .isEqualTo("CN||上海市|浦东新区|世纪大道|100||5|501");
    }

    @Test
    void aPersonIsKeyedAsAPersonAndAnInvalidTaxIdIsKeptButNeverMatched() {
        NormalizedCustomer n = NORMALIZER.normalize(customer(PartyKind.PERSON, "单伟", null, "91350100M000100Y44",
                List.of("not-an-email")));

        assertThat(n.nameKey()).isEqualTo("单伟");
        assertThat(n.pinyinKey()).isEqualTo("shan wei");
        assertThat(n.contactName()).isNull();
        assertThat(n.taxId().valid()).isFalse();
        assertThat(n.validTaxId()).isEmpty();
        assertThat(n.emails()).isEmpty();
        assertThat(n.phones()).isEmpty();
    }

    @Test
    void missingFieldsAreEmptyNotErrors() {
        Customer bare = new Customer("C-2", PartyKind.PERSON, null, null, null, null, null, null, null, null, null);
        NormalizedCustomer n = NORMALIZER.normalize(bare);
        assertThat(n.name()).isNull();
        assertThat(n.nameKey()).isNull();
        assertThat(n.pinyinKey()).isNull();
        assertThat(n.taxId()).isNull();
        assertThat(n.validTaxId()).isEmpty();
        assertThat(n.phones()).isEmpty();
        assertThat(n.emails()).isEmpty();
        assertThat(n.addresses()).isEmpty();
    }
}
