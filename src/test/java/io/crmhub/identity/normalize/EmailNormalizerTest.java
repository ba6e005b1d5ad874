package io.crmhub.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailNormalizerTest {

    private static final EmailNormalizer EMAILS = EmailNormalizer.fromClasspath();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Zhang.Wei@Example.COM          | zhang.wei@example.com  | example.com | false
            '  li.na@huawei.com '          | li.na@huawei.com       | huawei.com  | false
            ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ   | wang@example.cn        | example.cn  | false
            INFO@acme.com                  | info@acme.com          | acme.com    | true
            service@acme.com.cn            | service@acme.com.cn    | acme.com.cn | true
            Sales-East@acme.com            | sales-east@acme.com    | acme.com    | true
            service.sh@acme.com            | service.sh@acme.com    | acme.com    | true
            info2@acme.com                 | info2@acme.com         | acme.com    | true
            support+cn@acme.com            | support+cn@acme.com    | acme.com    | true
            kefu@shop.cn                   | kefu@shop.cn           | shop.cn     | true
            no-reply@acme.com              | no-reply@acme.com      | acme.com    | true
            information@acme.com           | information@acme.com   | acme.com    | false
            salesman.li@acme.com           | salesman.li@acme.com   | acme.com    | false
            """)
    void addressesAreLowerCasedAndRoleMailboxesFlagged(String raw, String address, String domain, boolean role) {
        assertThat(EMAILS.normalize(raw)).contains(new NormalizedEmail(address, domain, role));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''
            not-an-email
            a@b
            .dot@acme.com
            two..dots@acme.com
            zhang wei@acme.com
            """)
    void malformedAddressesAreDropped(String raw) {
        assertThat(EMAILS.normalize(raw)).isEmpty();
    }
}
