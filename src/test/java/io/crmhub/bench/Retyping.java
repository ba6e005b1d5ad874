package io.crmhub.bench;

import java.util.Random;

/**
 * A customer typed in again by someone else: the same real customer, spelled differently. Names with full-width
 * characters, stray spaces or another legal form (有限公司 / 有限责任公司 / Co., Ltd.), the city prefix left out; phones
 * as +86, 0086, spaced or dashed; e-mails in other case; addresses with or without province and city, with
 * full-width digits. Fields get lost on the way, but at least one identifier a matcher can rely on survives (tax id,
 * a personal e-mail or the mobile), so identity resolution should link every copy to its original.
 */
final class Retyping {

    private static final String[] COMPANY_FORMS = {"有限公司", "有限责任公司", " Co., Ltd.", "有限公司"};
    private static final String[] FORMS_SEEN = {"集团有限公司", "股份有限公司", "有限责任公司", "有限公司"};

    private final Random rnd;

    Retyping(Random rnd) {
        this.rnd = rnd;
    }

    ErpCustomer copy(ErpCustomer o) {
        boolean keepTax = o.taxId() != null && chance(40);
        boolean keepEmail = o.email() != null && !o.email().startsWith("info@") && chance(75);
        boolean keepMobile = o.mobile() != null && chance(75);
        if (!keepTax && !keepEmail && !keepMobile) {
            keepMobile = o.mobile() != null;
            keepTax = !keepMobile && o.taxId() != null;
            keepEmail = !keepMobile && !keepTax && o.email() != null;
        }
        String name = o.company() ? companyName(o.name()) : personName(o.name());
        String phone = o.phone() == null || chance(30) ? null : phone(o.phone());
        String email = keepEmail ? email(o.email()) : null;
        String mobile = keepMobile ? mobile(o.mobile()) : null;
        String taxId = keepTax ? (chance(10) ? fullWidth(o.taxId().toLowerCase()) : o.taxId()) : null;
        boolean withAddress = chance(85);
        String province = withAddress && chance(60) ? (chance(50) ? o.province() : o.province() + "省") : null;
        if (province != null && o.city().startsWith(o.province())) {
            province = o.province() + "市"; // a municipality: 上海 / 上海市
        }
        String city = withAddress && (province == null || chance(70)) ? o.city() : null;
        String street = withAddress ? street(o, city == null) : null;
        return new ErpCustomer(o.kind(), name, o.contactName(), phone, mobile, email, taxId, o.industry(), province,
                city, street, withAddress && chance(50) ? o.postalCode() : null, o.owner(),
                chance(50) ? o.status() : "PROSPECT");
    }

    private String companyName(String name) {
        String core = name;
        for (String form : FORMS_SEEN) {
            if (core.endsWith(form)) {
                core = core.substring(0, core.length() - form.length());
                break;
            }
        }
        String n = chance(50) ? core + COMPANY_FORMS[rnd.nextInt(COMPANY_FORMS.length)] : name;
        if (chance(15)) {
            n = n.substring(2); // 上海弘豪科技 → 弘豪科技: the city prefix left out
        }
        if (chance(20)) {
            n = n.substring(0, 2) + " " + n.substring(2); // 上海 弘豪科技有限公司
        }
        return chance(15) ? "  " + fullWidth(n) + " " : n;
    }

    private String personName(String name) {
        return switch (rnd.nextInt(6)) {
            case 0 -> name.charAt(0) + " " + name.substring(1);
            case 1 -> name.charAt(0) + "\u3000" + name.substring(1);
            case 2 -> " " + name + " ";
            default -> name;
        };
    }

    /** "021-5888 1234" → "+86 21 5888 1234", "(021)58881234", "0086-21-58881234", full-width. */
    private String phone(String p) {
        String digits = p.replaceAll("\\D", "");
        String area = digits.substring(1, digits.length() - 8);
        String local = digits.substring(digits.length() - 8);
        return switch (rnd.nextInt(5)) {
            case 0 -> "+86 " + area + " " + local.substring(0, 4) + " " + local.substring(4);
            case 1 -> "(0" + area + ")" + local;
            case 2 -> "0086-" + area + "-" + local;
            case 3 -> fullWidth(digits);
            default -> p;
        };
    }

    /** "13812345678" → "+86 138-1234-5678", "138 1234 5678", "0086 13812345678", full-width. */
    private String mobile(String m) {
        return switch (rnd.nextInt(5)) {
            case 0 -> "+86 " + m.substring(0, 3) + "-" + m.substring(3, 7) + "-" + m.substring(7);
            case 1 -> m.substring(0, 3) + " " + m.substring(3, 7) + " " + m.substring(7);
            case 2 -> "0086 " + m;
            case 3 -> fullWidth(m);
            default -> m;
        };
    }

    private String email(String e) {
        return switch (rnd.nextInt(4)) {
            case 0 -> e.toUpperCase();
            case 1 -> Character.toUpperCase(e.charAt(0)) + e.substring(1, e.indexOf('@') + 1)
                    + e.substring(e.indexOf('@') + 1).toUpperCase();
            case 2 -> " " + e;
            default -> e;
        };
    }

    /** The street as typed: with the city and district in front, or not; digits full-width sometimes. */
    private String street(ErpCustomer o, boolean cityMissing) {
        String s = o.address();
        if (cityMissing && chance(60)) {
            s = o.city() + s; // 上海市浦东新区… when the city field was left empty
        }
        return chance(25) ? fullWidth(s) : s;
    }

    static String fullWidth(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(c >= '!' && c <= '~' ? (char) (c - '!' + '！') : c == ' ' ? '\u3000' : c);
        }
        return sb.toString();
    }

    private boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }
}
