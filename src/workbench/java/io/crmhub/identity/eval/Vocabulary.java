package io.crmhub.identity.eval;

/**
 * Word lists the synthetic customers are built from. Han characters carry their pinyin, so a duplicate can be
 * written in either script (张伟 / "Zhang Wei") the way a foreign-language system or a passport would. Only
 * single-reading characters are listed: a duplicate's romanisation must read the way the normaliser reads it.
 * Surnames come first in order of frequency, which the generator uses to skew towards 王, 李, 张.
 */
final class Vocabulary {

    static final String[][] SURNAMES = pairs("王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou "
            + "徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he 高gao 林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu "
            + "韩han 冯feng 邓deng 彭peng 肖xiao 田tian 董dong 袁yuan 潘pan 蒋jiang 蔡cai 杜du 叶ye 程cheng "
            + "苏su 魏wei 吕lu 丁ding 任ren 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin 石shi "
            + "廖liao 贾jia 夏xia 付fu 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin 薛xue 闫yan "
            + "段duan 雷lei 侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao 万wan 钱qian 严yan "
            + "武wu 戴dai 莫mo 孔kong 向xiang 汤tang");

    static final String[][] GIVEN = pairs("伟wei 芳fang 娜na 秀xiu 英ying 敏min 静jing 丽li 强qiang 磊lei 军jun "
            + "洋yang 勇yong 艳yan 杰jie 娟juan 涛tao 明ming 超chao 霞xia 平ping 刚gang 桂gui 华hua 建jian "
            + "文wen 辉hui 玉yu 萍ping 红hong 鹏peng 飞fei 婷ting 雪xue 琳lin 晨chen 宇yu 浩hao 凯kai 博bo 佳jia "
            + "欣xin 怡yi 梓zi 涵han 轩xuan 睿rui 思si 雨yu 嘉jia 俊jun 志zhi 海hai 波bo 斌bin 宁ning 亮liang "
            + "成cheng 新xin 峰feng 春chun 梅mei 兰lan 慧hui 颖ying 倩qian 悦yue 晓xiao 永yong 荣rong 东dong "
            + "立li 鑫xin 瑶yao 璐lu 薇wei 昊hao 然ran 泽ze 彤tong 诗shi 铭ming 宏hong 坤kun 丹dan 蕾lei 琪qi "
            + "岩yan 松song 骏jun 航hang 楠nan 瑞rui 淑shu 彬bin 康kang 翔xiang 旭xu 阳yang 毅yi 锋feng 露lu");

    /** Names many different people share: the matcher must not merge them on the name alone. */
    static final String[] COMMON_CN = {"王伟", "李娜", "张伟", "王芳", "刘洋", "张敏", "李静", "王磊"};
    static final String[] COMMON_INTL = {"John Smith", "Mary Johnson", "David Brown", "Michael Lee"};

    static final String[] FIRST = words("James John Robert Michael William David Richard Joseph Thomas Charles "
            + "Christopher Daniel Matthew Anthony Mark Paul Steven Andrew Kenneth Joshua Kevin Brian George Edward "
            + "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret "
            + "Sandra Ashley Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Laura Sharon Anna "
            + "Hans Klaus Jurgen Pierre Louis Marco Luca Hiroshi Kenji Yuki Olga Ivan Ahmed Fatima Raj Priya");

    static final String[] LAST = words("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez "
            + "Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White "
            + "Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill "
            + "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Muller Schmidt Schneider "
            + "Fischer Weber Meyer Wagner Becker Dubois Rossi Russo Tanaka Suzuki Sato Ivanov Khan Patel Sharma");

    static final String[][] CORE_CHARS = pairs("华hua 信xin 鼎ding 盛sheng 恒heng 通tong 天tian 宇yu 瑞rui 丰feng "
            + "宏hong 达da 金jin 泰tai 新xin 远yuan 景jing 博bo 雅ya 联lian 安an 永yong 光guang 明ming 创chuang "
            + "万wan 东dong 方fang 城cheng 海hai 润run 德de 康kang 茂mao 源yuan 嘉jia 诚cheng 汇hui 辰chen 星xing "
            + "锦jin 腾teng 凯kai 越yue 豪hao 旭xu 晟sheng 浩hao 正zheng 弘hong 钧jun 翔xiang 智zhi 和he 力li "
            + "纳na 宝bao 蓝lan 森sen 峰feng 岳yue 逸yi 益yi 迅xun 卓zhuo 众zhong 佳jia 骏jun 拓tuo 晶jing");

    static final String[] INDUSTRY_CN = {"科技", "贸易", "电子", "机械", "物流", "化工", "医药", "软件", "网络",
        "建材", "食品", "服装", "投资", "咨询", "环保", "材料", "设备", "文化"};
    static final String[] LEGAL_CN = {"有限公司", "有限责任公司", "股份有限公司", "集团有限公司"};
    static final String[] INTL_CORE = words("Acme Globex Initech Umbrella Stark Wayne Wonka Hooli Vandelay Soylent "
            + "Cyberdyne Tyrell Aperture Oscorp Massive Dynamic Nakatomi Gringotts Monarch Virtucon Pied Piper "
            + "Blue Sun Zorg Vehement Sirius Cobalt Ember Falcon Granite Harbor Ivory Juniper Keystone Lumen "
            + "Meridian Nimbus Orion Polaris Quartz Redwood Summit Titan Union Vertex Willow Zenith Atlas Beacon");
    static final String[] INTL_SECOND = words("Pacific Global United Northern Southern Eastern Western Atlantic "
            + "Royal General National International Continental Allied Premier Golden Silver Green Blue Red");
    static final String[] INDUSTRY_INTL = words("Trading Logistics Technologies Foods Machinery Consulting "
            + "Pharmaceuticals Chemicals Textiles Electronics Software Systems Industries Holdings");
    static final String[] LEGAL_INTL = {"Co., Ltd.", "Inc.", "LLC", "GmbH", "Ltd", "Corporation", "Company Limited"};

    /** City → short name, province, a district, a landline area code; 8-digit local numbers everywhere. */
    static final String[][] CITIES = {
        {"上海市", "上海", "上海市", "浦东新区", "21"}, {"北京市", "北京", "北京市", "朝阳区", "10"},
        {"深圳市", "深圳", "广东省", "南山区", "755"}, {"广州市", "广州", "广东省", "天河区", "20"},
        {"杭州市", "杭州", "浙江省", "西湖区", "571"}, {"苏州市", "苏州", "江苏省", "工业园区", "512"},
        {"成都市", "成都", "四川省", "武侯区", "28"}, {"武汉市", "武汉", "湖北省", "洪山区", "27"}};
    static final String[] ROADS = {"世纪大道", "人民路", "中山路", "解放路", "建设路", "南京路", "长江路", "和平路",
        "科技路", "文化路", "东风路", "新华路", "青年路", "光明路", "胜利路", "友谊路", "学院路", "滨江路"};
    static final String[] MOBILE_PREFIXES = {"130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
        "151", "152", "153", "155", "156", "157", "158", "159", "180", "181", "182", "183", "186", "187", "188", "189"};
    static final String[] MAIL_HOSTS = {"qq.com", "163.com", "126.com", "sina.com", "gmail.com", "outlook.com",
        "hotmail.com", "yahoo.com"};

    private Vocabulary() {}

    static String[] words(String text) {
        return text.split(" ");
    }

    /** "王wang 李li" → {{"王", "wang"}, {"李", "li"}}. */
    private static String[][] pairs(String text) {
        String[] items = text.split(" ");
        String[][] out = new String[items.length][];
        for (int i = 0; i < items.length; i++) {
            out[i] = new String[] {items[i].substring(0, 1), items[i].substring(1)};
        }
        return out;
    }
}
