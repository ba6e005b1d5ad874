package io.crmhub.canonical;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payment received from a customer.
 *
 * @param receiptNumber the receipt number humans use
 * @param order         the order paid, if the source says which
 * @param customer      the paying customer
 * @param amount        amount received (positive; refunds are negative)
 * @param currency      ISO 4217 code
 * @param paidAt        when the money arrived
 * @param method        bank transfer, Alipay, WeChat Pay, cash, cheque, other
 */
public record Payment(
        String receiptNumber,
        EntityRef order,
        EntityRef customer,
        BigDecimal amount,
        String currency,
        Instant paidAt,
        PaymentMethod method) {

    public enum PaymentMethod { BANK_TRANSFER, ALIPAY, WECHAT_PAY, CASH, CHEQUE, CARD, OTHER }
}
