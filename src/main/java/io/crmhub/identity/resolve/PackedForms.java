package io.crmhub.identity.resolve;

import io.crmhub.canonical.Customer.DocumentType;
import io.crmhub.canonical.Customer.PartyKind;
import io.crmhub.identity.normalize.NormalizedAddress;
import io.crmhub.identity.normalize.NormalizedCustomer;
import io.crmhub.identity.normalize.NormalizedDocument;
import io.crmhub.identity.normalize.NormalizedEmail;
import io.crmhub.identity.normalize.NormalizedName;
import io.crmhub.identity.normalize.NormalizedPhone;
import io.crmhub.identity.normalize.NormalizedTaxId;
import io.crmhub.identity.normalize.PhoneType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A normalised form packed into one array, as {@link MemoryIdentityStore} keeps the forms of the records it no longer
 * has in play: element 0 a {@code byte[]} of small numbers (kinds, flags, counts, E.164 numbers as their digits, the
 * birth date), then the form's strings in a fixed order — the same instances, so the strings the normaliser shares
 * stay shared. Unpacked, a form is about ten objects (the form, its name, address, e-mail, phone and tax-id records,
 * their lists): at a million records that was ~75 MB more of a dry run's ~760 MB live at 1 GB, and a quarter more of
 * the collector's time. A form is unpacked again only when its record is a candidate or a member of a later batch.
 *
 * <p>{@code unpack(pack(form))} equals {@code form} for every form.
 */
final class PackedForms {

    private static final PartyKind[] KINDS = PartyKind.values();
    private static final PhoneType[] PHONE_TYPES = PhoneType.values();
    private static final NormalizedTaxId.Problem[] PROBLEMS = NormalizedTaxId.Problem.values();
    private static final DocumentType[] DOCUMENT_TYPES = DocumentType.values();
    /** The longest E.164 number is 15 digits after the "+": it fits a long. */
    private static final int MAX_E164_DIGITS = 15;

    private PackedForms() {}

    static Object[] pack(NormalizedCustomer form) {
        Numbers numbers = new Numbers();
        List<Object> strings = new ArrayList<>(24);
        strings.add(null); // the numbers, below
        numbers.write(form.kind() == null ? 0 : form.kind().ordinal() + 1);
        packName(form.name(), numbers, strings);
        strings.add(form.pinyinKey());
        packName(form.contactName(), numbers, strings);
        numbers.write(form.phones().size());
        for (NormalizedPhone phone : form.phones()) {
            numbers.write(phone.type() == null ? 0 : phone.type().ordinal() + 1);
            long digits = digits(phone.e164());
            numbers.writeLong(digits < 0 ? 0 : digits + 1);
            if (digits < 0) {
                strings.add(phone.e164());
            }
        }
        numbers.write(form.emails().size());
        for (NormalizedEmail email : form.emails()) {
            numbers.write(email.role() ? 1 : 0);
            strings.add(email.address());
            strings.add(email.domain());
        }
        NormalizedTaxId taxId = form.taxId();
        numbers.write(taxId == null ? 0 : taxId.problem() == null ? 1 : taxId.problem().ordinal() + 2);
        if (taxId != null) {
            strings.add(taxId.value());
        }
        numbers.write(form.addresses().size());
        for (NormalizedAddress a : form.addresses()) {
            strings.addAll(Arrays.asList(a.country(), a.provinceCode(), a.province(), a.city(), a.district(),
                    a.road(), a.houseNumber(), a.building(), a.floor(), a.room(), a.matchKey(), a.postcode()));
        }
        numbers.write(form.birthDate());
        numbers.write(form.documents().size());
        for (NormalizedDocument d : form.documents()) {
            numbers.write((d.type() == null ? 0 : d.type().ordinal() + 1) << 1 | (d.valid() ? 1 : 0));
            strings.add(d.number());
            strings.add(d.country());
        }
        Object[] packed = strings.toArray();
        packed[0] = numbers.bytes();
        return packed;
    }

    static NormalizedCustomer unpack(Object[] packed) {
        Reader in = new Reader(packed);
        int kind = in.number();
        NormalizedName name = unpackName(in);
        String pinyinKey = in.string();
        NormalizedName contactName = unpackName(in);
        NormalizedPhone[] phones = new NormalizedPhone[in.number()];
        for (int i = 0; i < phones.length; i++) {
            int type = in.number();
            long digits = in.longNumber();
            phones[i] = new NormalizedPhone(digits == 0 ? in.string() : "+" + (digits - 1),
                    type == 0 ? null : PHONE_TYPES[type - 1]);
        }
        NormalizedEmail[] emails = new NormalizedEmail[in.number()];
        for (int i = 0; i < emails.length; i++) {
            boolean role = in.number() == 1;
            emails[i] = new NormalizedEmail(in.string(), in.string(), role);
        }
        int tax = in.number();
        NormalizedTaxId taxId = tax == 0 ? null : new NormalizedTaxId(in.string(), tax == 1 ? null : PROBLEMS[tax - 2]);
        NormalizedAddress[] addresses = new NormalizedAddress[in.number()];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = new NormalizedAddress(in.string(), in.string(), in.string(), in.string(), in.string(),
                    in.string(), in.string(), in.string(), in.string(), in.string(), in.string(), in.string());
        }
        int birthDate = in.number();
        NormalizedDocument[] documents = new NormalizedDocument[in.number()];
        for (int i = 0; i < documents.length; i++) {
            int d = in.number();
            documents[i] = new NormalizedDocument(d >> 1 == 0 ? null : DOCUMENT_TYPES[(d >> 1) - 1], in.string(),
                    in.string(), (d & 1) == 1);
        }
        return new NormalizedCustomer(kind == 0 ? null : KINDS[kind - 1], name, pinyinKey, contactName,
                List.of(phones), List.of(emails), taxId, List.of(addresses), birthDate, List.of(documents));
    }

    /** Flags (present, branch, how the words are kept), then display, match key, legal form and the words. */
    private static void packName(NormalizedName name, Numbers numbers, List<Object> strings) {
        if (name == null) {
            numbers.write(0);
            return;
        }
        // most names are one word, their match key: the words then need no array of their own
        boolean oneWord = name.tokens().size() == 1 && name.tokens().get(0) != null
                && name.tokens().get(0).equals(name.matchKey());
        numbers.write(1 | (name.branch() ? 2 : 0) | (oneWord ? 4 : 0));
        strings.add(name.display());
        strings.add(name.matchKey());
        strings.add(name.legalForm());
        if (!oneWord) {
            strings.add(name.tokens().toArray(String[]::new));
        }
    }

    private static NormalizedName unpackName(Reader in) {
        int flags = in.number();
        if (flags == 0) {
            return null;
        }
        String display = in.string();
        String matchKey = in.string();
        String legalForm = in.string();
        List<String> tokens = (flags & 4) != 0 ? List.of(matchKey) : Arrays.asList((String[]) in.next());
        return new NormalizedName(display, matchKey, tokens, (flags & 2) != 0, legalForm);
    }

    /** The digits of an E.164 number ("+8613800138000" → 8613800138000), or -1 when it is not one in that form. */
    static long digits(String e164) {
        if (e164 == null || e164.length() < 2 || e164.length() > MAX_E164_DIGITS + 1 || e164.charAt(0) != '+'
                || e164.charAt(1) == '0') {
            return -1;
        }
        long digits = 0;
        for (int i = 1; i < e164.length(); i++) {
            char c = e164.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            digits = digits * 10 + (c - '0');
        }
        return digits;
    }

    /** Unsigned LEB128 numbers in a growing array. */
    private static final class Numbers {
        private byte[] bytes = new byte[16];
        private int size;

        void write(int value) {
            writeLong(Integer.toUnsignedLong(value));
        }

        void writeLong(long value) {
            while (true) {
                if (size == bytes.length) {
                    bytes = Arrays.copyOf(bytes, size * 2);
                }
                if ((value & ~0x7FL) == 0) {
                    bytes[size++] = (byte) value;
                    return;
                }
                bytes[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }
    }

    private static final class Reader {
        private final Object[] packed;
        private final byte[] numbers;
        private int at;
        private int next = 1;

        Reader(Object[] packed) {
            this.packed = packed;
            this.numbers = (byte[]) packed[0];
        }

        int number() {
            return (int) longNumber();
        }

        long longNumber() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = numbers[at++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        Object next() {
            return packed[next++];
        }

        String string() {
            return (String) next();
        }
    }
}
