package io.crmhub.connector.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ShopExportTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final FileTime MTIME = FileTime.from(Instant.parse("2024-07-01T00:00:00Z"));

    @Test
    void theStampInTheNameIsReadInTheShopsZone() {
        assertThat(ShopExport.of("orders-20240604T130000.csv", MTIME, SHANGHAI).exportedAt())
                .isEqualTo(Instant.parse("2024-06-04T05:00:00Z"));
        assertThat(ShopExport.of("shop_orders_20240604_130000.csv", MTIME, SHANGHAI).exportedAt())
                .isEqualTo(Instant.parse("2024-06-04T05:00:00Z"));
    }

    @Test
    void withoutAStampTheFileTimeCounts() {
        assertThat(ShopExport.of("orders.csv", MTIME, SHANGHAI).exportedAt()).isEqualTo(MTIME.toInstant());
        assertThat(ShopExport.of("orders-20241399T999999.csv", MTIME, SHANGHAI).exportedAt()).isEqualTo(MTIME.toInstant());
    }

    @Test
    void aLaterExportOutranksEveryLineOfAnEarlierOne() {
        ShopExport first = ShopExport.of("orders-20240604T130000.csv", MTIME, SHANGHAI);
        ShopExport next = ShopExport.of("orders-20240604T130001.csv", MTIME, SHANGHAI);
        assertThat(next.sequence(2)).isGreaterThan(first.sequence(ShopExport.LINES_PER_SECOND - 1));
        assertThat(first.sequence(3)).isGreaterThan(first.sequence(2));
        assertThat(first.position(7)).isEqualTo("orders-20240604T130000.csv#7");
    }
}
