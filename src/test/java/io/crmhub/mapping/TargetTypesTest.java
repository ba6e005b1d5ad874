package io.crmhub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.Customer;
import io.crmhub.canonical.Interaction;
import io.crmhub.canonical.Order;
import io.crmhub.canonical.Payment;
import io.crmhub.canonical.Shipment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TargetTypesTest {

    /** Every enum a mapping can fill in the canonical records. */
    static Stream<Class<?>> canonicalEnums() {
        List<Class<?>> enums = new ArrayList<>();
        for (Class<?> record : List.of(Customer.class, Order.class, Payment.class, Interaction.class, Shipment.class,
                Customer.Document.class)) {
            for (var component : record.getRecordComponents()) {
                if (component.getType().isEnum()) {
                    enums.add(component.getType());
                }
            }
        }
        assertThat(enums).contains(Customer.PartyKind.class, Order.OrderStatus.class, Payment.PaymentMethod.class);
        return enums.stream().distinct();
    }

    /** A constant's name is read without JSON: it must be what JSON reads, constant by constant. */
    @ParameterizedTest
    @MethodSource("canonicalEnums")
    void aConstantsNameConvertsAsJsonReadsIt(Class<?> type) {
        for (Object constant : type.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();

            assertThat(TargetTypes.convert(name, type)).isSameAs(constant)
                    .isSameAs(CanonicalJson.mapper().convertValue(name, type));
        }
    }

    /** Anything else still goes through JSON, which names what does not fit. */
    @ParameterizedTest
    @MethodSource("canonicalEnums")
    void anythingButANameIsLeftToJson(Class<?> type) {
        String lowerCase = ((Enum<?>) type.getEnumConstants()[0]).name().toLowerCase(java.util.Locale.ROOT);
        for (String text : List.of(lowerCase, " " + lowerCase.toUpperCase(java.util.Locale.ROOT), "NO_SUCH_VALUE")) {
            Object viaJson;
            try {
                viaJson = CanonicalJson.mapper().convertValue(text, type);
            } catch (IllegalArgumentException e) {
                assertThatThrownBy(() -> TargetTypes.convert(text, type)).isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            assertThat(TargetTypes.convert(text, type)).isEqualTo(viaJson);
        }
    }
}
