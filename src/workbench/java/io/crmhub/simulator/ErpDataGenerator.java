package io.crmhub.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Realistic ERP rows with the usual mess: full-width digits, phones typed five different ways,
 * mixed-case emails, amounts and dates typed by hand. Chinese and international, companies and people.
 * Public for the other simulators (the OA simulator re-spells these customers as its contacts).
 */
public final class ErpDataGenerator {

    private static final String[] CITIES = {"上海|上海市|浦东新区世纪大道100号", "北京|北京市|朝阳区建国路88号",
        "广东|深圳市|南山区科技园南区8栋", "浙江|杭州市|西湖区文三路477号", "江苏|苏州市|工业园区星湖街328号"};
    private static final String[] CN_STEMS = {"华东机械", "东方电子", "长城物流", "金桥贸易", "新世纪科技", "恒通化工",
        "瑞丰食品", "远景软件", "中和医药", "宏达建材"};
    private static final String[] CN_SUFFIXES = {"有限公司", "股份有限公司", "有限责任公司", "集团有限公司"};
    private static final String[] EN_COMPANIES = {"Acme Trading", "Northwind Supplies", "Blue Ocean Logistics",
        "Pacific Rim Electronics", "Contoso Foods", "Globex Industrial"};
    private static final String[] EN_SUFFIXES = {"Co., Ltd.", "Inc.", "LLC", "GmbH", "Ltd"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "晓明", "建国"};
    private static final String[] EN_PEOPLE = {"John Smith", "Mary Johnson", "David Lee", "Anna Müller", "Wei Zhang"};
    private static final String[] INDUSTRIES = {"制造业", "Retail", "Logistics", "软件和信息技术服务业", "Healthcare"};
    private static final String[] OWNERS = {"sales.li", "sales.wang", "sales.chen", "sales.smith"};
    private static final String[] STATUSES = {"LEAD", "PROSPECT", "ACTIVE", "ACTIVE", "ACTIVE", "DORMANT", "LOST"};
    static final String[] SKUS = {"SKU-1001|工业轴承|128.50", "SKU-2040|Servo motor|2399.00",
        "SKU-3300|包装纸箱|3.20", "SKU-4100|Sensor kit|560.00", "SKU-5005|润滑油 5L|189.90"};
    private static final String[] MOBILE_PREFIXES = {"130", "135", "136", "138", "139", "150", "158", "177",
        "186", "189"};
    private static final String[] AREAS = {"10|65", "10|84", "21|58", "21|62", "755|86", "755|26", "571|88"};
    private static final String[] METHODS = {"BANK", "BANK", "ALIPAY", "WECHAT", "CASH", "CHEQUE", "CARD"};

    private final Random rnd;

    public ErpDataGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    public Map<String, Object> customer(long n) {
        boolean company = rnd.nextInt(10) < 7;
        boolean chinese = rnd.nextInt(10) < 7;
        String[] place = CITIES[rnd.nextInt(CITIES.length)].split("\\|");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_no", maybeFullWidth("C" + String.format("%06d", n)));
        row.put("kind", company ? "C" : "P");
        row.put("name", company ? companyName(chinese) : personName(chinese));
        row.put("contact_name", company ? personName(chinese) : null);
        row.put("phone", company ? landline() : null);
        row.put("mobile", rnd.nextInt(10) < 8 ? mobile() : null);
        row.put("email", rnd.nextInt(10) < 8 ? email(n) : null);
        row.put("tax_id", company && chinese ? UsccCodes.random(rnd) : null);
        row.put("industry", pick(INDUSTRIES));
        row.put("country", chinese ? "CN" : pick(new String[] {"US", "DE", "SG", "CN"}));
        row.put("province", place[0]);
        row.put("city", place[1]);
        row.put("address", place[2]);
        row.put("postal_code", String.valueOf(100000 + rnd.nextInt(800000)));
        row.put("owner", pick(OWNERS));
        row.put("status", pick(STATUSES));
        return row;
    }

    /** A new order taken today, as the trickle makes them: open, sometimes still a draft. */
    Map<String, Object> order(long n, long customerId) {
        Map<String, Object> row = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(ErpHistory.OFFICE);
        row.put("order_no", orderNumber(today, n));
        row.put("customer_id", customerId);
        row.put("order_date", today);
        row.put("status", pick(new String[] {"OPEN", "OPEN", "OPEN", "DRAFT"}));
        row.put("currency", rnd.nextInt(10) < 8 ? "CNY" : pick(new String[] {"USD", "EUR"}));
        return row;
    }

    static String orderNumber(LocalDate date, long n) {
        return "SO" + date.getYear() + String.format("%07d", n);
    }

    Map<String, Object> line(long orderId, int lineNo) {
        String[] sku = pick(SKUS).split("\\|");
        BigDecimal qty = BigDecimal.valueOf(1 + rnd.nextInt(50));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("order_id", orderId);
        row.putAll(lineRow(lineNo, sku, qty, rnd));
        return row;
    }

    /** A sales order line of {@code qty} of the {@link #SKUS} entry {@code sku} (its order id left to the caller). */
    static Map<String, Object> lineRow(int lineNo, String[] sku, BigDecimal qty, Random rnd) {
        BigDecimal price = new BigDecimal(sku[2]);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("line_no", lineNo);
        row.put("sku", sku[0]);
        row.put("description", sku[1]);
        row.put("quantity", qty);
        row.put("unit_price", price);
        row.put("amount", qty.multiply(price).setScale(2, RoundingMode.HALF_UP));
        // most ERPs know the cost of what they sell, not always: a fifth of the lines have none
        row.put("unit_cost", rnd.nextInt(5) == 0 ? null
                : price.multiply(BigDecimal.valueOf(55 + rnd.nextInt(30))).movePointLeft(2).setScale(4, RoundingMode.HALF_UP));
        return row;
    }

    /** A receipt for an order, paid on that day; finance types amount and date by hand. */
    Map<String, Object> receipt(long customerId, BigDecimal amount, String currency, LocalDate paid) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_id", customerId);
        row.put("amount", handTypedAmount(amount));
        row.put("currency", currency);
        row.put("paid_at", handTypedDate(paid));
        row.put("method", pick(METHODS));
        return row;
    }

    /** A receipt typed so wrongly the hub cannot read it (amount or date), for the dead letter. */
    Map<String, Object> typo(Map<String, Object> receipt) {
        Map<String, Object> row = new LinkedHashMap<>(receipt);
        row.put("amount", pick(new String[] {"1,2O0.00", "N/A", "12..5"}));
        if (rnd.nextBoolean()) {
            row.put("paid_at", "2024/13/45");
        }
        return row;
    }

    public String mobile() {
        String digits = pick(MOBILE_PREFIXES) + String.format("%08d", rnd.nextInt(100_000_000));
        return switch (rnd.nextInt(4)) {
            case 0 -> digits.substring(0, 3) + " " + digits.substring(3, 7) + " " + digits.substring(7);
            case 1 -> "+86 " + digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7);
            case 2 -> "0086" + digits;
            default -> maybeFullWidth(digits);
        };
    }

    /** Switchboard numbers: area code plus an 8-digit local number in that city's real number ranges. */
    public String landline() {
        String[] area = pick(AREAS).split("\\|");
        String local = area[1] + String.format("%06d", rnd.nextInt(1_000_000));
        return switch (rnd.nextInt(3)) {
            case 0 -> "0" + area[0] + "-" + local.substring(0, 4) + " " + local.substring(4);
            case 1 -> "+86-" + area[0] + "-" + local;
            default -> "0086 " + area[0] + " " + local;
        };
    }

    public String email(long n) {
        String local = pick(new String[] {"Info", "sales", "Service", "zhang.wei", "J.Smith", "purchase"});
        String domain = pick(new String[] {"Example.com", "example.cn", "qq.com", "163.COM", "corp.example.org"});
        return (rnd.nextInt(5) == 0 ? " " : "") + local + n + "@" + domain;
    }

    private String companyName(boolean chinese) {
        return chinese ? pick(CN_STEMS) + pick(CN_SUFFIXES) : pick(EN_COMPANIES) + " " + pick(EN_SUFFIXES);
    }

    private String personName(boolean chinese) {
        return chinese ? pick(SURNAMES) + pick(GIVEN) : pick(EN_PEOPLE);
    }

    private String handTypedAmount(BigDecimal amount) {
        String plain = amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
        return switch (rnd.nextInt(4)) {
            case 0 -> String.format("%,.2f", amount);
            case 1 -> "¥" + plain;
            case 2 -> maybeFullWidth(plain);
            default -> plain;
        };
    }

    private String handTypedDate(LocalDate d) {
        return switch (rnd.nextInt(3)) {
            case 0 -> d.getYear() + "/" + d.getMonthValue() + "/" + d.getDayOfMonth();
            case 1 -> d + " " + String.format("%02d:%02d", 8 + rnd.nextInt(10), rnd.nextInt(60));
            default -> d.format(DateTimeFormatter.BASIC_ISO_DATE);
        };
    }

    /** Input methods in full-width mode produce ０-９; about one value in five arrives like that. */
    public String maybeFullWidth(String s) {
        if (rnd.nextInt(5) != 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : (char) c));
        return sb.toString();
    }

    public boolean chance(double percent) {
        return rnd.nextDouble() * 100 < percent;
    }

    public int nextInt(int bound) {
        return rnd.nextInt(bound);
    }

    private String pick(String[] values) {
        return values[rnd.nextInt(values.length)];
    }
}
