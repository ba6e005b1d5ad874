package io.crmhub.identity.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.crmhub.canonical.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import net.sourceforge.pinyin4j.PinyinHelper;

/**
 * A normalised customer kept beside its stored record, so that identity resolution can compare a stored candidate
 * without reading, parsing and normalising its payload again (most of what a candidate cost once a store outgrows
 * the in-memory cache). A kept form is only as good as the normaliser that made it: {@link #fingerprint} names that
 * normaliser (this package's code, the lists under {@code mappings/identity/}, the phone and pinyin libraries, the
 * default phone region), and a form made by another one is not used.
 */
public final class NormalizedForms {

    /** Every class whose code decides a normalised form (member classes are found by reflection). */
    private static final List<Class<?>> CODE = List.of(CustomerNormalizer.class, AddressNormalizer.class,
            AddressScans.class, Documents.class, EmailNormalizer.class, EmailSyntax.class, IdentityData.class,
            LatinWords.class, LegalForms.class, NameFolding.class, NameNormalizer.class, NormalizedAddress.class,
            NormalizedCustomer.class, NormalizedDocument.class, NormalizedEmail.class, NormalizedName.class,
            NormalizedPhone.class, NormalizedTaxId.class, PhoneNormalizer.class, PhoneType.class, PinyinKeys.class,
            Province.class, Provinces.class, Slips.class, StreetParts.class, Syllables.class, Texts.class,
            UnifiedSocialCreditCode.class);
    private static final List<String> LISTS = List.of("cn-provinces.yaml", "latin-names.yaml", "legal-forms.yaml",
            "role-mailboxes.yaml", "surname-readings.yaml");

    private NormalizedForms() {
    }

    /** A short name of the normaliser that {@link CustomerNormalizer#fromClasspath} builds for {@code region}. */
    public static String fingerprint(String defaultPhoneRegion) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Deque<Class<?>> classes = new ArrayDeque<>(CODE);
            while (!classes.isEmpty()) {
                Class<?> type = classes.pop();
                digest.update(bytes(type.getName().replace('.', '/') + ".class"));
                classes.addAll(List.of(type.getDeclaredClasses()));
            }
            for (String list : LISTS) {
                digest.update(bytes(IdentityData.FOLDER + list));
            }
            for (Class<?> library : List.of(PhoneNumberUtil.class, PinyinHelper.class)) {
                var source = library.getProtectionDomain().getCodeSource();
                digest.update(String.valueOf(source == null ? null : source.getLocation()).getBytes(StandardCharsets.UTF_8));
            }
            digest.update(String.valueOf(defaultPhoneRegion).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** In the canonical JSON dialect, as {@code identity_link.normalized} has always held it. */
    public static String write(NormalizedCustomer form) {
        return CanonicalJson.write(form);
    }

    /** The form, or null when the text is not one (written by an older shape of the record: normalise again). */
    public static NormalizedCustomer read(String json) {
        try {
            return CanonicalJson.mapper().readValue(json, NormalizedCustomer.class);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = NormalizedForms.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing on the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
