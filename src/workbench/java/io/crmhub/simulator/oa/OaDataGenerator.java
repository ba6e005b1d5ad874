package io.crmhub.simulator.oa;

import io.crmhub.connector.oa.wsdl.Contact;
import io.crmhub.connector.oa.wsdl.Contract;
import io.crmhub.connector.oa.wsdl.Survey;
import io.crmhub.connector.oa.wsdl.Ticket;
import io.crmhub.connector.oa.wsdl.Visit;
import io.crmhub.simulator.ErpDataGenerator;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Random;

/**
 * OA records as office staff type them. Contacts are the ERP's customers (their people) typed again by
 * service staff under OA ids: other spacing, other phone formats, other e-mail case, so identity
 * resolution has real work. Random data comes from {@link ErpDataGenerator}, not a second copy of it.
 */
final class OaDataGenerator {

    static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SCREEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] SUBJECTS = {"设备异响", "Delivery late", "发票抬头错误", "Login fails",
        "包装破损", "Spare parts request", "安装指导"};
    private static final String[] OWNERS = {"service.zhao", "service.qian", "service.sun", "sales.li"};

    private final ErpDataGenerator erp;
    private final Random rnd;

    OaDataGenerator(long seed) {
        this.erp = new ErpDataGenerator(seed);
        this.rnd = new Random(seed);
    }

    /** A contact for an ERP customer row (columns as in the ERP's customers table), re-spelled. */
    Contact contact(String id, Map<String, Object> erpCustomer) {
        Contact c = new Contact();
        c.setId(id);
        boolean company = "C".equals(erpCustomer.get("kind"));
        Object person = company ? erpCustomer.get("contact_name") : erpCustomer.get("name");
        c.setName(respellName(person == null ? "王伟" : person.toString()));
        c.setCompanyName(company ? respellCompany(String.valueOf(erpCustomer.get("name"))) : null);
        c.setTitle(company ? pick("经理", "Purchasing", "采购主管", "CEO") : null);
        c.setMobile(respellPhone((String) erpCustomer.get("mobile")));
        c.setPhone((String) erpCustomer.get("phone"));
        Object email = erpCustomer.get("email");
        c.setEmail(email == null ? null : swapCase(email.toString().trim()));
        c.setOwner(pick(OWNERS));
        return c;
    }

    /** A contact for a customer the ERP has never seen. */
    Contact newContact(String id, long n) {
        return contact(id, erp.customer(900_000 + n));
    }

    Ticket ticket(String id, String ticketNo, String contactId) {
        return ticket(id, ticketNo, contactId, now());
    }

    /** A ticket opened at that time (the seeded history), still NEW. */
    Ticket ticket(String id, String ticketNo, String contactId, LocalDateTime openedAt) {
        Ticket t = new Ticket();
        t.setId(id);
        t.setTicketNo(erp.maybeFullWidth(ticketNo));
        t.setContactId(contactId);
        t.setCategory(rnd.nextInt(3) == 0 ? "COMPLAINT" : "SERVICE");
        t.setSubject(pick(SUBJECTS));
        t.setChannel(pick("PHONE", "EMAIL", "WEB", "WECHAT"));
        t.setStatus("NEW");
        t.setOpenedAt(screen(openedAt));
        t.setOwner(pick(OWNERS));
        return t;
    }

    Visit visit(String id, String contactId) {
        return visit(id, contactId, now());
    }

    Visit visit(String id, String contactId, LocalDateTime visitedAt) {
        Visit v = new Visit();
        v.setId(id);
        v.setContactId(contactId);
        v.setType(pick("VISIT", "CALL", "MEETING", "EMAIL"));
        v.setSubject(pick("季度回访", "Product demo", "续约沟通", "Site survey"));
        v.setVisitedAt(screen(visitedAt));
        v.setOwner(pick(OWNERS));
        return v;
    }

    Contract contract(String id, String contractNo, String contactId) {
        Contract c = new Contract();
        c.setId(id);
        c.setContractNo(contractNo);
        c.setContactId(contactId);
        c.setTitle(pick("年度维保合同", "Supply agreement", "设备采购合同"));
        c.setAmount(String.format("%,d.00", 10_000 + rnd.nextInt(900_000)));
        c.setCurrency(rnd.nextInt(5) == 0 ? "RMB" : "CNY");
        c.setStatus(pick("DRAFT", "SIGNED", "SIGNED", "EXPIRED"));
        c.setSignedAt(screenTime().substring(0, 10).replace('-', '/'));
        c.setOwner(pick(OWNERS));
        return c;
    }

    Survey survey(String id, Ticket after) {
        return survey(id, after, now());
    }

    /** Most customers who answer are content: scores lean to 4 and 5 (about 3.9 on average). */
    Survey survey(String id, Ticket after, LocalDateTime answeredAt) {
        Survey s = new Survey();
        s.setId(id);
        s.setContactId(after.getContactId());
        s.setTicketNo(after.getTicketNo());
        s.setScaleMax("5");
        int dice = rnd.nextInt(100);
        int score = dice < 5 ? 1 : dice < 13 ? 2 : dice < 30 ? 3 : dice < 65 ? 4 : 5;
        s.setScore(erp.maybeFullWidth(String.valueOf(score)));
        s.setComment(pick("处理很快", "Slow answer", "满意", null));
        s.setAnsweredAt(screen(answeredAt));
        return s;
    }

    String screenTime() {
        return screen(now());
    }

    static LocalDateTime now() {
        return LocalDateTime.now(OFFICE);
    }

    static String screen(LocalDateTime time) {
        return time.format(SCREEN);
    }

    int nextInt(int bound) {
        return rnd.nextInt(bound);
    }

    /** Service staff put a space between surname and given name, or write English names surname first. */
    private String respellName(String name) {
        if (name.matches("\\p{IsHan}{2,3}") && rnd.nextBoolean()) {
            return name.charAt(0) + " " + name.substring(1);
        }
        String[] parts = name.split(" ");
        return parts.length == 2 && rnd.nextBoolean() ? parts[1].toUpperCase() + " " + parts[0] : name;
    }

    private String respellCompany(String name) {
        return switch (rnd.nextInt(3)) {
            case 0 -> name.replace("有限公司", "（有限公司）").replace("Co., Ltd.", "Co.,Ltd");
            case 1 -> name.replaceAll("(有限|股份|集团)", " $1").replace(" Inc.", ", Inc");
            default -> erp.maybeFullWidth(name.toUpperCase());
        };
    }

    /** The same mobile, typed another way: digits only, then grouped differently or in full width. */
    private String respellPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = java.text.Normalizer.normalize(phone, java.text.Normalizer.Form.NFKC).replaceAll("\\D", "");
        String local = digits.length() > 11 ? digits.substring(digits.length() - 11) : digits;
        if (local.length() != 11) {
            return phone;
        }
        return switch (rnd.nextInt(3)) {
            case 0 -> local.substring(0, 3) + "-" + local.substring(3, 7) + "-" + local.substring(7);
            case 1 -> "(+86)" + local;
            default -> erp.maybeFullWidth(local);
        };
    }

    private static String swapCase(String s) {
        return s.chars().anyMatch(Character::isUpperCase) ? s.toLowerCase() : s.toUpperCase();
    }

    private String pick(String... values) {
        return values[rnd.nextInt(values.length)];
    }
}
