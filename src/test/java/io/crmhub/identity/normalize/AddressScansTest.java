package io.crmhub.identity.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The scans of {@link AddressScans} against the regular expressions they replaced, kept here as the reference. */
class AddressScansTest {

    private static final Pattern COUNTRY = Pattern.compile("^(?:中华人民共和国|中国)");
    private static final Pattern CITY = Pattern.compile("^([^路街道号弄巷\\d]{1,9}?(?:自治州|地区|盟|市))");
    private static final Pattern DISTRICT = Pattern.compile("^([^路街道号弄巷\\d]{1,9}?(?:区|县|旗|市))");
    private static final Pattern HOUSE = Pattern.compile("^(.*?)(\\d+(?:-\\d+)?)号(?!楼)");
    private static final Pattern BUILDING = Pattern.compile("([a-z0-9]+)(?:号楼|栋|幢|座)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FLOOR = Pattern.compile("(\\d+)(?:楼|层|f)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROOM = Pattern.compile("(\\d+)(?:室|房|户)");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)$");

    private static final String[] PIECES = {"上海", "市", "浦东新区", "区", "县", "旗", "盟", "自治州", "地区", "中国",
            "中华人民共和国", "世纪大道", "路", "街", "道", "号", "弄", "巷", "楼", "层", "室", "房", "户", "栋", "幢", "座",
            "号楼", "1", "23", "100", "-", "5", "a", "B", "f", "F", "K", "\u212A", "ſ", "\n", "\r", "\r\n", "\u0085",
            "\u2028", "\u2029", "\uD840\uDC00", "\uD840", "一二三四五六七八九", "x", "Ⅻ", "٣", "１"};

    static List<String> examples() {
        List<String> texts = new ArrayList<>(List.of("", "上海市浦东新区世纪大道100号5楼501室", "世纪大道100号", "100-102号",
                "3号楼5层", "A座1203", "5楼501", "5F501", "b栋12", "中国上海市", "中华人民共和国北京市朝阳区",
                "内蒙古自治区呼和浩特市", "一二三四五六七八九市", "一二三四五六七八九十市", "12号楼3号", "3号楼100号",
                "5楼501\n", "5楼501\r\n", "5楼501\u2028", "5楼501\n\n", "\uD840\uDC00市", "路市"));
        for (String piece : PIECES) {
            texts.add(piece);
            texts.add(piece + "12号");
            texts.add("5楼" + piece + "7");
        }
        return texts;
    }

    @ParameterizedTest
    @MethodSource("examples")
    void examplesAsTheRegularExpressionsHadThem(String text) {
        assertSameAsReference(text);
    }

    @Test
    void randomAddressesAsTheRegularExpressionsHadThem() {
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(10); n > 0; n--) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertSameAsReference(b.toString());
        }
    }

    private static void assertSameAsReference(String text) {
        Matcher country = COUNTRY.matcher(text);
        assertThat(AddressScans.countryLength(text)).as(text).isEqualTo(country.find() ? country.end() : 0);
        assertThat(AddressScans.cityEnd(text)).as(text).isEqualTo(end(CITY, text));
        assertThat(AddressScans.districtEnd(text)).as(text).isEqualTo(end(DISTRICT, text));
        Matcher house = HOUSE.matcher(text);
        assertThat(AddressScans.house(text)).as(text)
                .isEqualTo(house.find() ? new int[] {house.end(1), house.end(2), house.end()} : null);
        assertThat(AddressScans.building(text)).as(text).isEqualTo(span(BUILDING, text));
        assertThat(AddressScans.floor(text)).as(text).isEqualTo(span(FLOOR, text));
        assertThat(AddressScans.room(text)).as(text).isEqualTo(span(ROOM, text));
        Matcher trailing = TRAILING_NUMBER.matcher(text);
        assertThat(AddressScans.trailingNumber(text)).as(text).isEqualTo(trailing.find() ? trailing.group(1) : null);
    }

    private static int end(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.end() : -1;
    }

    private static int[] span(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? new int[] {m.start(), m.end(1), m.end()} : null;
    }
}
