package io.crmhub.identity.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.Customer;
import io.crmhub.canonical.Customer.Address;
import io.crmhub.canonical.Customer.Document;
import io.crmhub.canonical.Customer.DocumentType;
import io.crmhub.canonical.Customer.PartyKind;
import io.crmhub.canonical.Customer.Phone;
import io.crmhub.identity.normalize.CustomerNormalizer;
import io.crmhub.identity.normalize.NormalizedAddress;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.NormalizedDocument;
import io.crmhub.identity.normalize.NormalizedEmail;
import io.crmhub.identity.normalize.NormalizedName;
import io.crmhub.identity.normalize.NormalizedPhone;
import io.crmhub.identity.normalize.NormalizedTaxId;
import io.crmhub.identity.normalize.PhoneType;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PackedFormsTest {

    private static final CustomerNormalizer NORMALIZER = CustomerNormalizer.fromClasspath("CN");

    static Stream<Customer> customers() {
        return Stream.of(
                new Customer("c-1", PartyKind.ORGANISATION, "华为技术有限公司上海分公司", "王伟",
                        List.of("Sales@Huawei.com", "info@huawei.com"),
                        List.of(new Phone("+86 21 6888 0000", "landline"), new Phone("13800138000", "mobile")),
                        List.of(new Address("CN", "上海市", "上海市", "浦东新区世纪大道100号3号楼5楼501室", null),
                                new Address("CN", null, "深圳市", "龙岗区坂田华为基地", null)),
                        "91310000MA1FL8XQ3A", "telecom", "owner-1", Customer.LifecycleStatus.CUSTOMER),
                new Customer("c-2", PartyKind.ORGANISATION, "ACME Trading Co., Ltd.", null, List.of("bob@acme.example"),
                        List.of(new Phone("+1 (415) 555-0100", "landline")),
                        List.of(new Address("US", "CA", "San Francisco", "1 Market St Suite 300", "94105")),
                        "12345", null, null, null),
                new Customer("p-1", PartyKind.PERSON, "李 娜", null, List.of(), List.of(new Phone("+44 20 7946 0958", null)),
                        List.of(), null, null, null, null, LocalDate.of(1985, 3, 7),
                        List.of(new Document(DocumentType.CN_RESIDENT_ID, "11010519491231002X", "CN"),
                                new Document(DocumentType.PASSPORT, "E12345678", "CN"))),
                new Customer("p-2", PartyKind.PERSON, "John Q. Public", null, List.of("not an e-mail"),
                        List.of(new Phone("12", "mobile")), List.of(new Address("DE", null, "Berlin", "Unter den Linden 5", "10117")),
                        "bad", null, null, null, null, List.of(new Document(DocumentType.OTHER, "X-1", null))),
                new Customer("x-1", null, null, null, List.of(), List.of(), List.of(), null, null, null, null));
    }

    @ParameterizedTest
    @MethodSource("customers")
    void aNormalisedCustomerUnpacksToTheSameForm(Customer customer) {
        NormalizedCustomer form = NORMALIZER.normalize(customer);

        assertThat(PackedForms.unpack(PackedForms.pack(form))).isEqualTo(form);
        NormalizedCustomer kept = KeptForms.compact(form);
        assertThat(PackedForms.unpack(PackedForms.pack(kept))).isEqualTo(kept);
    }

    @Test
    void everyFieldAndEveryEdgeOfAHandMadeFormSurvives() {
        NormalizedName name = new NormalizedName("Müller & Söhne GmbH", "muller sohne", List.of("muller", "sohne"),
                true, "GmbH");
        NormalizedName oneWord = new NormalizedName(null, "王伟", List.of("王伟"), false, null);
        NormalizedName oddWords = new NormalizedName(null, "x", Arrays.asList("x", null), false, null);
        NormalizedCustomer form = new NormalizedCustomer(PartyKind.PERSON, name, "wang wei", oneWord,
                List.of(new NormalizedPhone("+999999999999999", PhoneType.MOBILE), // 15 digits, the most E.164 has
                        new NormalizedPhone("+1", null), new NormalizedPhone("+0123", PhoneType.LANDLINE),
                        new NormalizedPhone("00861380", PhoneType.SERVICE), new NormalizedPhone("+1234567890123456", null)),
                List.of(new NormalizedEmail("a@b.cn", "b.cn", true), new NormalizedEmail("c@d.cn", "d.cn", false)),
                new NormalizedTaxId("91310000MA1FL8XQ3B", NormalizedTaxId.Problem.BAD_CHECK_CHARACTER),
                List.of(new NormalizedAddress("CN", "31", "上海市", "上海市", "浦东新区", "世纪大道", "100", "3", "5", "501",
                        "上海市|浦东新区|世纪大道|100|3|5|501"),
                        new NormalizedAddress("GB", null, null, "London", null, "Baker St", "221B", null, null, null,
                                "GB|NW16XE|london|baker st|221b", "NW16XE")),
                Integer.MAX_VALUE,
                List.of(new NormalizedDocument(DocumentType.NATIONAL_ID, "123", "FR", false),
                        new NormalizedDocument(null, null, null, true)));
        NormalizedCustomer odd = new NormalizedCustomer(PartyKind.ORGANISATION, oddWords, null, null, List.of(),
                List.of(), new NormalizedTaxId("91310000MA1FL8XQ3A", null), List.of(), -1, List.of());

        assertThat(PackedForms.unpack(PackedForms.pack(form))).isEqualTo(form);
        assertThat(PackedForms.unpack(PackedForms.pack(odd))).isEqualTo(odd);
    }

    @Test
    void anE164NumberIsKeptAsItsDigitsAndAnythingElseAsWritten() {
        assertThat(PackedForms.digits("+8613800138000")).isEqualTo(8613800138000L);
        assertThat(PackedForms.digits("+999999999999999")).isEqualTo(999_999_999_999_999L);
        assertThat(PackedForms.digits("+1234567890123456")).isEqualTo(-1); // 16 digits
        assertThat(PackedForms.digits("+0123")).isEqualTo(-1); // a leading zero would be lost
        assertThat(PackedForms.digits("8613800138000")).isEqualTo(-1);
        assertThat(PackedForms.digits("+86 138")).isEqualTo(-1);
        assertThat(PackedForms.digits("+")).isEqualTo(-1);
        assertThat(PackedForms.digits(null)).isEqualTo(-1);
    }

    @Test
    void thePackedFormHoldsTheSameStringInstances() {
        NormalizedCustomer form = KeptForms.compact(NORMALIZER.normalize(customers().findFirst().orElseThrow()));

        NormalizedCustomer unpacked = PackedForms.unpack(PackedForms.pack(form));

        assertThat(unpacked.addresses().get(0).matchKey()).isSameAs(form.addresses().get(0).matchKey());
        assertThat(unpacked.emails().get(0).address()).isSameAs(form.emails().get(0).address());
        assertThat(unpacked.name().matchKey()).isSameAs(form.name().matchKey());
    }
}
