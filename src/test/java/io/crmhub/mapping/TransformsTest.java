package io.crmhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crmhub.canonical.Customer.Phone;
import io.crmhub.canonical.EntityRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransformsTest {

    private static final FieldContext PLAIN = new FieldContext("t.field", false, "erp");
    private static final FieldContext PII = new FieldContext("t.field", true, "erp");

    private static Object apply(String name, Object value) throws MappingException {
        return Transforms.create(name).apply(value, PLAIN);
    }

    private static Object apply(String name, Map<String, Object> args, Object value) throws MappingException {
        return Transforms.create(name, args).apply(value, PLAIN);
    }

    @Nested
    class Text {
        @Test
        void trimLowerUpper() throws MappingException {
            assertThat(apply("trim", "\u3000 abc \t")).isEqualTo("abc");
            assertThat(apply("lower", "AbC")).isEqualTo("abc");
            assertThat(apply("upper", "AbC")).isEqualTo("ABC");
            assertThat(apply("trim", 42L)).isEqualTo("42");
            assertThat(apply("trim", null)).isNull();
        }

        @Test
        void halfwidthFoldsDigitsLettersPunctuationAndIdeographicSpace() throws MappingException {
            assertThat(apply("halfwidth", "Ｃ００１２")).isEqualTo("C0012");
            assertThat(apply("halfwidth", "（北京）　ＡＢＣ，１")).isEqualTo("(北京) ABC,1");
        }

        @Test
        void collapseWhitespaceAndBlankToNull() throws MappingException {
            assertThat(apply("collapse-whitespace", "  北京\u3000\u3000星辰 \n 科技 ")).isEqualTo("北京 星辰 科技");
            assertThat(apply("blank-to-null", " \u3000")).isNull();
            assertThat(apply("blank-to-null", " x")).isEqualTo(" x");
        }

        @Test
        void defaultReplacesNullAndBlankOnly() throws MappingException {
            Map<String, Object> args = Map.of("value", "CNY");
            assertThat(apply("default", args, null)).isEqualTo("CNY");
            assertThat(apply("default", args, "  ")).isEqualTo("CNY");
            assertThat(apply("default", args, "USD")).isEqualTo("USD");
        }
    }

    @Nested
    class Phones {
        @ParameterizedTest
        @CsvSource({
                "138 0013 8000,       +8613800138000, mobile",
                "+86 139-1234-5678,   +8613912345678, mobile",
                "+86-10-65529988,     +861065529988,  landline",
                "0086 21 5888 1234,   +862158881234,  landline",
                "010-6552 9988,       +861065529988,  landline",
                "１３８００１３８０００, +8613800138000, mobile"})
        void normalisesToE164(String input, String e164, String type) throws MappingException {
            assertThat(apply("phone", input)).isEqualTo(new Phone(e164, type));
        }

        @Test
        void regionArgumentReadsNationalNumbersOfThatCountry() throws MappingException {
            assertThat(apply("phone", Map.of("region", "US"), "(202) 456-1111"))
                    .isEqualTo(new Phone("+12024561111", "unknown"));
        }

        @Test
        void rejectsGarbageAndInvalidNumbers() {
            assertThatThrownBy(() -> apply("phone", "call me")).isInstanceOf(MappingException.class)
                    .hasMessageContaining("is not a phone number");
            assertThatThrownBy(() -> apply("phone", "123")).isInstanceOf(MappingException.class);
        }

        @Test
        void unknownRegionFailsAtLoadTime() {
            assertThatThrownBy(() -> Transforms.create("phone", Map.of("region", "XX")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown region");
        }
    }

    @Nested
    class Emails {
        @Test
        void trimsAndLowerCases() throws MappingException {
            assertThat(apply("email", "  Zhang.Wei@Example.COM ")).isEqualTo("zhang.wei@example.com");
        }

        @ParameterizedTest
        @CsvSource({"wang@@x.cn", "wang.x.cn", "wang@x", "wa ng@x.cn", ".wang@x.cn", "wang@x..cn"})
        void rejectsInvalid(String input) {
            assertThatThrownBy(() -> apply("email", input)).isInstanceOf(MappingException.class)
                    .hasMessageContaining("is not a valid email address");
        }
    }

    @Nested
    class Decimals {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "1,234.50|1234.50", "¥980|980", "１２００.００|1200.00", "￥1，234.5|1234.5", "$ 12|12",
                "€7.25|7.25", "-3.5|-3.5", "1234.50|1234.50"})
        void stripsDecoration(String input, String expected) throws MappingException {
            assertThat(apply("decimal", input)).isEqualTo(new BigDecimal(expected));
        }

        @Test
        void rejectsNonNumbersWithTheValueShown() {
            assertThatThrownBy(() -> apply("decimal", "12,3a"))
                    .hasMessage("t.field: '12,3a' is not a decimal amount");
            assertThatThrownBy(() -> apply("decimal", "1.2.3")).isInstanceOf(MappingException.class);
        }

        @Test
        void minIsInclusiveAboveIsExclusive() throws MappingException {
            assertThat(apply("decimal", Map.of("min", 0), "0")).isEqualTo(BigDecimal.ZERO);
            assertThatThrownBy(() -> apply("decimal", Map.of("min", 0), "-0.01"))
                    .hasMessage("t.field: '-0.01' is below the minimum 0");
            assertThatThrownBy(() -> apply("decimal", Map.of("above", 0), "0"))
                    .hasMessage("t.field: '0' must be greater than 0");
        }
    }

    @Nested
    class Dates {
        @ParameterizedTest
        @CsvSource({"2024/6/4", "2024-06-04", "20240604", "2024.6.4", "2024年6月4日", "２０２４-０６-０４",
                "2024-06-04T23:30:00+08:00", "2024-06-04 13:00"})
        void readsEverySpelling(String input) throws MappingException {
            assertThat(apply("date", input)).isEqualTo(LocalDate.of(2024, 6, 4));
        }

        @ParameterizedTest
        @CsvSource({"2024-02-30", "next Tuesday", "2024/13/1", "04/06/2024"})
        void rejectsImpossibleOrUnknown(String input) {
            assertThatThrownBy(() -> apply("date", input)).hasMessageContaining("is not a date");
        }
    }

    @Nested
    class Timestamps {
        @ParameterizedTest
        @CsvSource({
                "2024-06-04T05:00:00Z,      2024-06-04T05:00:00Z",
                "2024-06-04T13:00:00+08:00, 2024-06-04T05:00:00Z",
                "2024-06-04 13:00,          2024-06-04T05:00:00Z",
                "2024-06-04 13:00:05,       2024-06-04T05:00:05Z",
                "2024/6/4 13:00,            2024-06-04T05:00:00Z",
                "2024/6/4,                  2024-06-03T16:00:00Z",
                "20240604,                  2024-06-03T16:00:00Z"})
        void readsInShanghaiByDefault(String input, String expected) throws MappingException {
            assertThat(apply("timestamp", input)).isEqualTo(Instant.parse(expected));
        }

        @Test
        void zoneArgument() throws MappingException {
            assertThat(apply("timestamp", Map.of("zone", "UTC"), "2024-06-04 13:00"))
                    .isEqualTo(Instant.parse("2024-06-04T13:00:00Z"));
            assertThatThrownBy(() -> Transforms.create("timestamp", Map.of("zone", "Mars/Base")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectsUnparseable() {
            assertThatThrownBy(() -> apply("timestamp", "2024-06-04 25:00"))
                    .hasMessage("t.field: '2024-06-04 25:00' is not a timestamp");
        }
    }

    @Nested
    class Codes {
        @ParameterizedTest
        @CsvSource({"cny, CNY", "RMB, CNY", "¥, CNY", "￥, CNY", "usd, USD", "EUR, EUR"})
        void currencies(String input, String expected) throws MappingException {
            assertThat(apply("currency", input)).isEqualTo(expected);
        }

        @Test
        void unknownCurrency() {
            assertThatThrownBy(() -> apply("currency", "ABC"))
                    .hasMessage("t.field: 'ABC' is not an ISO 4217 currency code");
        }

        @Test
        void mapListsAllowedCodesWhenUnknown() throws MappingException {
            Map<String, Object> args = Map.of("values", Map.of("C", "ORGANISATION"));
            assertThat(apply("map", args, "C")).isEqualTo("ORGANISATION");
            assertThatThrownBy(() -> apply("map", args, "X")).hasMessage("t.field: 'X' is not one of C");
        }

        @Test
        void integers() throws MappingException {
            assertThat(apply("integer", 3)).isEqualTo(3L);
            assertThat(apply("integer", " １２ ")).isEqualTo(12L);
            assertThatThrownBy(() -> apply("integer", "1.5")).hasMessageContaining("is not an integer");
        }

        @Test
        void refUsesTheChangesSystem() throws MappingException {
            Map<String, Object> args = Map.of("entity", "customers");
            assertThat(apply("ref", args, 1001L)).isEqualTo(new EntityRef("erp", "customers", "1001"));
            assertThat(apply("ref", args, null)).isNull();
        }
    }

    @Nested
    class Registry {
        @Test
        void everyDocumentedNameExists() {
            Map<String, Map<String, Object>> args = Map.of("map", Map.of("values", Map.of("a", "b")),
                    "ref", Map.of("entity", "x"), "default", Map.of("value", "x"));
            Transforms.NAMES.forEach(n -> assertThat(Transforms.create(n, args.getOrDefault(n, Map.of()))).isNotNull());
        }

        @Test
        void unknownNameAndUnknownArgumentFail() {
            assertThatThrownBy(() -> Transforms.create("phnoe")).hasMessageContaining("unknown transform 'phnoe'");
            assertThatThrownBy(() -> Transforms.create("phone", Map.of("regoin", "CN")))
                    .hasMessageContaining("has no argument 'regoin'");
        }
    }

    /** Messages end up in logs; personal data must never appear there in clear. */
    @Nested
    class PersonalData {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "phone|138001380009999", "email|wang.fang@@mingyuan.cn", "phone|zhang wei 138",
                "decimal|张伟的电话13800138000", "date|13800138000"})
        void piiValuesNeverAppearInClear(String transform, String value) {
            MappingException e = catchThrowableOfType(MappingException.class,
                    () -> Transforms.create(transform).apply(value, PII));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).doesNotContain(value).doesNotContain("1380013800")
                    .contains("(" + value.codePointCount(0, value.length()) + " chars)");
            assertThat(e.getCause()).isNull();
        }

        @Test
        void maskKeepsFirstLastAndLength() {
            assertThat(FieldContext.mask("13800138000")).isEqualTo("'1***0' (11 chars)");
            assertThat(FieldContext.mask("张伟")).isEqualTo("'***' (2 chars)");
        }

        @Test
        void requiredPiiFieldMessageCarriesNoValue() {
            MappingException e = PII.fail("is required but missing");
            assertThat(e.getMessage()).isEqualTo("t.field: is required but missing");
        }
    }
}
