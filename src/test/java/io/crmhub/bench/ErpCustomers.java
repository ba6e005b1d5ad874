package io.crmhub.bench;

import io.crmhub.identity.normalize.UnifiedSocialCreditCode;
import java.util.Random;

/**
 * Original ERP customers, as a Chinese ERP holds them: 70 % companies ({@code 上海弘豪科技有限公司}, a landline, the
 * contact's mobile, an e-mail, for 60 % a valid unified social credit code), 30 % people (mobile, private
 * e-mail). Hot keys on purpose, because real data has them and they are what makes blocking expensive: one office
 * tower is the address of 5 % of the companies, one switchboard number is shared by 4 % of them, and half of the
 * people carry one of the 20 most common Chinese names. Every e-mail and mobile is unique to its customer, so
 * only re-typed copies ({@link Retyping}) are true duplicates.
 */
final class ErpCustomers {

    /** The 20 most frequent full names in mainland China (public-security name statistics). */
    static final String[] COMMON_NAMES = {"张伟", "王伟", "王芳", "李伟", "李娜", "张敏", "李静", "王静", "刘伟", "王秀英",
        "张丽", "李秀英", "王丽", "张静", "张秀英", "李强", "王敏", "李敏", "王磊", "刘洋"};
    static final String TOWER_STREET = "浦东新区陆家嘴环路1000号恒生银行大厦";
    static final String SWITCHBOARD = "021-2088 8888";

    /** province | city | short name | districts | area code | postal prefix */
    private static final String[][] PLACES = {
        {"上海", "上海市", "上海", "浦东新区,徐汇区,静安区,闵行区", "21", "200"},
        {"北京", "北京市", "北京", "朝阳区,海淀区,东城区,丰台区", "10", "100"},
        {"广东", "深圳市", "深圳", "南山区,福田区,龙岗区", "755", "518"},
        {"广东", "广州市", "广州", "天河区,越秀区,番禺区", "20", "510"},
        {"浙江", "杭州市", "杭州", "西湖区,滨江区,余杭区", "571", "310"},
        {"江苏", "苏州市", "苏州", "姑苏区,吴中区,相城区", "512", "215"},
        {"四川", "成都市", "成都", "武侯区,锦江区,青羊区", "28", "610"},
        {"湖北", "武汉市", "武汉", "江汉区,洪山区,武昌区", "27", "430"}};
    private static final String CORE = "弘豪恒通瑞丰宏达金桥华远景新锐博天海中和泰安盛鑫源德信诚嘉汇创联星辰富康明光永兴隆昌佳宇坤鼎";
    private static final String[] TRADES = {"科技", "贸易", "机械", "电子", "物流", "化工", "食品", "软件", "医药", "建材",
        "服装", "印务", "咨询", "设备", "网络", "能源"};
    private static final String[] FORMS = {"有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司", "集团有限公司"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱",
        "高", "林", "何", "郭", "马", "罗"};
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰飞鹏辉";
    private static final String[] ROADS = {"人民路", "解放路", "中山路", "建设路", "长江路", "和平路", "科技路", "创新大道",
        "世纪大道", "南京东路", "淮海中路", "文三路"};
    private static final String[] INDUSTRIES = {"制造业", "批发和零售业", "软件和信息技术服务业", "交通运输业", "医药制造业"};
    private static final String[] OWNERS = {"sales.li", "sales.wang", "sales.chen", "sales.zhao"};
    private static final String[] STATUSES = {"LEAD", "PROSPECT", "ACTIVE", "ACTIVE", "DORMANT"};
    private static final String[] MOBILE_PREFIXES = {"130", "135", "136", "138", "139", "150", "158", "177", "186", "189"};
    private static final String[] MAIL_DOMAINS = {"qq.com", "163.com", "126.com", "sina.com", "outlook.com"};

    private final Random rnd;

    ErpCustomers(Random rnd) {
        this.rnd = rnd;
    }

    /** @param serial unique per run: makes e-mails, mobiles and tax ids unique */
    ErpCustomer next(long serial) {
        return rnd.nextInt(10) < 7 ? company(serial) : person(serial);
    }

    private ErpCustomer company(long serial) {
        String[] place = pick(PLACES);
        boolean tower = rnd.nextInt(100) < 5;
        if (tower) {
            place = PLACES[0];
        }
        String name = place[2] + CORE.charAt(rnd.nextInt(CORE.length())) + CORE.charAt(rnd.nextInt(CORE.length()))
                + pick(TRADES) + pick(FORMS);
        String phone = rnd.nextInt(100) < 4 ? SWITCHBOARD : landline(place[4]);
        String email = (rnd.nextInt(10) == 0 ? "info" : "contact" + suffix(serial)) + "@co" + Long.toString(serial, 36)
                + ".com.cn";
        String taxId = rnd.nextInt(10) < 6 ? uscc(serial) : null;
        String street = tower ? TOWER_STREET : street(place);
        // without a tax id the contact's mobile is there: every company carries one identifier worth matching on
        String mobile = taxId == null || rnd.nextInt(10) < 7 ? mobile(serial) : null;
        return new ErpCustomer("C", name, personName(), phone, mobile,
                rnd.nextInt(10) < 8 ? email : null, taxId, pick(INDUSTRIES), place[0], place[1], street,
                tower ? "200120" : postal(place), pick(OWNERS), pick(STATUSES));
    }

    private ErpCustomer person(long serial) {
        String[] place = pick(PLACES);
        String email = "u" + Long.toString(serial, 36) + suffix(serial) + "@" + pick(MAIL_DOMAINS);
        return new ErpCustomer("P", personName(), null, null, mobile(serial), rnd.nextInt(10) < 7 ? email : null, null,
                null, place[0], place[1], street(place), postal(place), pick(OWNERS), pick(STATUSES));
    }

    /** Half of the people carry one of the 20 most common names: 王伟 and friends are hot keys. */
    String personName() {
        if (rnd.nextBoolean()) {
            return pick(COMMON_NAMES);
        }
        String given = String.valueOf(GIVEN.charAt(rnd.nextInt(GIVEN.length())));
        if (rnd.nextInt(3) > 0) {
            given += GIVEN.charAt(rnd.nextInt(GIVEN.length()));
        }
        return pick(SURNAMES) + given;
    }

    private String street(String[] place) {
        String[] districts = place[3].split(",");
        String s = pick(districts) + pick(ROADS) + (1 + rnd.nextInt(1500)) + "号";
        return switch (rnd.nextInt(5)) {
            case 0 -> s + (1 + rnd.nextInt(30)) + "栋" + (1 + rnd.nextInt(20)) + "0" + (1 + rnd.nextInt(9)) + "室";
            case 1 -> s + (1 + rnd.nextInt(40)) + "楼";
            default -> s;
        };
    }

    private String postal(String[] place) {
        return place[5] + String.format("%03d", rnd.nextInt(1000));
    }

    private String landline(String area) {
        String l = String.valueOf(20_000_000 + rnd.nextInt(70_000_000));
        return "0" + area + "-" + l.substring(0, 4) + " " + l.substring(4);
    }

    /** Unique per serial (the low digits), so two customers never share a mobile by accident. */
    private String mobile(long serial) {
        return pick(MOBILE_PREFIXES) + String.format("%02d", rnd.nextInt(100)) + String.format("%06d", serial % 1_000_000);
    }

    private String suffix(long serial) {
        return String.valueOf((char) ('a' + rnd.nextInt(26))) + serial % 97;
    }

    /** A valid unified social credit code (GB 32100), unique per serial. */
    private String uscc(long serial) {
        StringBuilder sb = new StringBuilder("91").append(pick(new String[] {"310115", "110105", "440300", "330106"}));
        sb.append(String.format("%08d", serial % 100_000_000L)).append(UnifiedSocialCreditCode.ALPHABET.charAt(10 + rnd.nextInt(21)));
        return sb.append(UnifiedSocialCreditCode.checkChar(sb)).toString();
    }

    private <T> T pick(T[] values) {
        return values[rnd.nextInt(values.length)];
    }
}
