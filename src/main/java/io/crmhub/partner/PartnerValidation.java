package io.crmhub.partner;

import io.crmhub.canonical.IdentityDocuments;
import io.crmhub.identity.normalize.NormalizedTaxId;
import io.crmhub.identity.normalize.UnifiedSocialCreditCode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Bean validation of a partner's customer, in one place for REST and SOAP: every violation named by its
 * request field ({@code emails[1]}, {@code address.country}), the first of them reported as the field.
 */
@Component
public class PartnerValidation {

    private final Validator validator;

    PartnerValidation(Validator validator) {
        this.validator = validator;
    }

    public void check(PartnerCustomer customer) {
        if (customer == null) {
            throw PartnerException.invalid("customer", "is required");
        }
        List<ConstraintViolation<PartnerCustomer>> violations = validator.validate(customer).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString())).toList();
        if (!violations.isEmpty()) {
            String field = field(violations.get(0));
            throw new PartnerException(PartnerException.Reason.INVALID, field, violations.stream()
                    .map(v -> field(v) + ": " + v.getMessage()).collect(Collectors.joining("; ")));
        }
        checkTaxId(customer.taxId());
        checkDocument(customer.document());
    }

    /** A resident id that cannot be right would never find its person: the partner hears why. */
    private static void checkDocument(PartnerCustomer.Document document) {
        if (document != null && "CN_RESIDENT_ID".equals(document.type())) {
            String problem = IdentityDocuments.residentIdProblem(IdentityDocuments.clean(document.number()));
            if (problem != null) {
                throw PartnerException.invalid("document.number", "is not a valid resident id: " + problem);
            }
        }
    }

    /**
     * An 18-character code of credit-code characters is a Chinese unified social credit code, and its check
     * character must be right: a mistyped code would never match the company it belongs to. Other lengths are
     * taken as foreign tax ids.
     */
    private static void checkTaxId(String taxId) {
        NormalizedTaxId normalized = UnifiedSocialCreditCode.normalize(taxId);
        if (normalized != null && normalized.problem() == NormalizedTaxId.Problem.BAD_CHECK_CHARACTER) {
            throw PartnerException.invalid("taxId", "is not a valid unified social credit code (wrong check "
                    + "character)");
        }
    }

    /** {@code emails[1].<list element>} → {@code emails[1]} */
    private static String field(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replace(".<list element>", "");
    }

    /**
     * The request field of a mapping error's {@code customers.<canonical field>}: the partner body uses the
     * canonical names, except that it has one {@code address} where the canonical customer has {@code addresses}.
     */
    static String requestField(String mappingField) {
        String field = mappingField.startsWith(PartnerUpserts.ENTITY + ".")
                ? mappingField.substring(PartnerUpserts.ENTITY.length() + 1) : mappingField;
        return field.startsWith("addresses") ? "address" + field.substring("addresses".length()) : field;
    }
}
