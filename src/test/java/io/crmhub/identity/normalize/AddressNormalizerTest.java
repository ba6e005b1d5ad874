package io.crmhub.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmhub.canonical.Customer.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressNormalizerTest {

    private static final AddressNormalizer ADDRESSES = AddressNormalizer.fromClasspath();

    /**
     * Columns: input | province code | city | district | road | house | building | floor | room.
     * Known limit: a city written without 市 (广东深圳南山区) is not told apart from its district, as there is
     * no city list yet; the province and the numbered parts still come out right.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            上海市浦东新区世纪大道100号5楼501室          | 31 | 上海市 | 浦东新区 | 世纪大道   | 100 | -  | 5  | 501
            上海浦东新区世纪大道１００号５楼５０１室     | 31 | 上海市 | 浦东新区 | 世纪大道   | 100 | -  | 5  | 501
            中国上海市 浦东新区 世纪大道 100号           | 31 | 上海市 | 浦东新区 | 世纪大道   | 100 | -  | -  | -
            上海市世纪大道100号                          | 31 | 上海市 | -        | 世纪大道   | 100 | -  | -  | -
            北京市朝阳区建国路88号SOHO现代城A座1203      | 11 | 北京市 | 朝阳区   | 建国路     | 88  | A  | -  | 1203
            广东省深圳市南山区科技园科苑路15号3栋12层    | 44 | 深圳市 | 南山区   | 科技园科苑路 | 15 | 3  | 12 | -
            广东深圳南山区深南大道9988号                 | 44 | -      | 深圳南山区 | 深南大道 | 9988 | -  | -  | -
            深圳市南山区深南大道9988号                    | -  | 深圳市 | 南山区   | 深南大道   | 9988 | - | -  | -
            江苏省苏州市昆山市前进中路8号2号楼302室      | 32 | 苏州市 | 昆山市   | 前进中路   | 8   | 2  | -  | 302
            吉林市船营区解放中路1号                       | 22 | 吉林市 | 船营区   | 解放中路   | 1   | -  | -  | -
            广西壮族自治区南宁市青秀区民族大道100-102号  | 45 | 南宁市 | 青秀区   | 民族大道   | 100-102 | - | - | -
            内蒙古呼和浩特市新城区新华大街1号            | 15 | 呼和浩特市 | 新城区 | 新华大街 | 1   | -  | -  | -
            江苏省苏州市苏州大道东1号                    | 32 | 苏州市 | -        | 苏州大道东 | 1   | -  | -  | -
            上海市上海市徐汇区漕溪北路18号               | 31 | 上海市 | 徐汇区   | 漕溪北路   | 18  | -  | -  | -
            浙江省杭州市西湖区文三路                      | 33 | 杭州市 | 西湖区   | 文三路     | -   | -  | -  | -
            """)
    void freeTextIsSplitIntoRegionAndNumberedParts(String text, String province, String city, String district,
                                                   String road, String house, String building, String floor,
                                                   String room) {
        NormalizedAddress a = ADDRESSES.normalize(text);
        assertThat(a.country()).isEqualTo("CN");
        assertThat(a.provinceCode()).isEqualTo(province);
        assertThat(a.city()).isEqualTo(city);
        assertThat(a.district()).isEqualTo(district);
        assertThat(a.road()).isEqualTo(road);
        assertThat(a.houseNumber()).isEqualTo(house);
        assertThat(a.building()).isEqualTo(building);
        assertThat(a.floor()).isEqualTo(floor);
        assertThat(a.room()).isEqualTo(room);
    }

    @Test
    void anAddressWithoutItsProvinceIsTheSameAddress() {
        NormalizedAddress full = ADDRESSES.normalize("广东省深圳市南山区科技路100号501室");
        NormalizedAddress noProvince = ADDRESSES.normalize("深圳市南山区科技路100号501室");

        assertThat(full.provinceCode()).isEqualTo("44");
        assertThat(noProvince.provinceCode()).isNull();
        assertThat(noProvince.matchKey()).isEqualTo(full.matchKey()).isEqualTo("CN||深圳市|南山区|科技路|100|||501");
        assertThat(ADDRESSES.normalize("广东省南山区科技路100号501室").matchKey()).startsWith("CN|44||南山区|");
    }

    @Test
    void theSameRoadIsNotTheSameAddress() {
        String a = ADDRESSES.normalize("上海市浦东新区世纪大道100号5楼501室").matchKey();
        assertThat(ADDRESSES.normalize("上海浦东新区世纪大道１００号５楼５０１室").matchKey()).isEqualTo(a);
        assertThat(ADDRESSES.normalize("上海市浦东新区世纪大道100号5楼502室").matchKey()).isNotEqualTo(a);
        assertThat(ADDRESSES.normalize("上海市浦东新区世纪大道200号5楼501室").matchKey()).isNotEqualTo(a);
        assertThat(a).isEqualTo("CN||上海市|浦东新区|世纪大道|100||5|501");
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            CN | 上海     | 上海市 | 浦东新区世纪大道100号5楼501室
            cn | 上海市   | -      | 上海市浦东新区世纪大道100号5楼501室
            -  | Shanghai | 上海   | 浦东新区 世纪大道 100号 5楼 501室
            CN | -        | -      | 上海市浦东新区世纪大道100号5楼501室
            """)
    void canonicalPartsGiveTheSameKeyAsFreeText(String country, String province, String city, String street) {
        NormalizedAddress a = ADDRESSES.normalize(new Address(country, province, city, street, "200120"));
        assertThat(a.matchKey()).isEqualTo("CN||上海市|浦东新区|世纪大道|100||5|501");
        assertThat(a.province()).isEqualTo("上海市");
    }

    @Test
    void aStructuredProvinceFillsInWhatTheStreetLeavesOut() {
        NormalizedAddress a = ADDRESSES.normalize(new Address("CN", "广东省", "深圳市", "南山区深南大道9988号", null));
        assertThat(a.provinceCode()).isEqualTo("44");
        assertThat(a.city()).isEqualTo("深圳市");
        assertThat(a.district()).isEqualTo("南山区");
    }

    @Test
    void foreignAddressesAreReadAsTokens() {
        NormalizedAddress a = ADDRESSES.normalize(new Address("DE", "Bayern", "München", "Hauptstraße  5", "80331"));
        assertThat(a.country()).isEqualTo("DE");
        assertThat(a.provinceCode()).isNull();
        assertThat(a.matchKey()).isEqualTo("DE|80331|munchen|hauptstraße|5||||");
        assertThat(a.blockKey()).isEqualTo("DE|80331|#5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "177 Pridham Street; pridham; 177",
        "177 pridhamstreet; pridham; 177",
        "177 PRIDHAM ST.; pridham; 177",
        "Flat 3, 177 Pridham St; pridham; 177",
        "pridham street 177; pridham; 177",
        "12 High Rd; high; 12"})
    void streetKindsJoinedWordsAndFlatsDoNotChangeTheStreetOrHouse(String street, String road, String house) {
        NormalizedAddress a = ADDRESSES.normalize(new Address("AU", "QLD", "Milton", street, "4064"));
        assertThat(a.road()).isEqualTo(road);
        assertThat(a.houseNumber()).isEqualTo(house);
        assertThat(a.postcode()).isEqualTo("4064");
        assertThat(a.city()).isEqualTo("milton");
    }

    @Test
    void blankIsNoAddress() {
        assertThat(ADDRESSES.normalize(" ")).isNull();
        assertThat(ADDRESSES.normalize(new Address("CN", null, null, " ", null))).isNull();
    }
}
