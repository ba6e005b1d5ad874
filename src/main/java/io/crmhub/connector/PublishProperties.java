package io.crmhub.connector;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How canonical events are published to Kafka ({@code hub.publish.*}): every source hands over a batch of changes,
 * all of them are sent without waiting and their acknowledgements are awaited together (routes/README.md).
 *
 * @param chunkSize  changes per publish batch for sources that stream without batches of their own (shop files);
 *                   the memory held per file is about this many events
 * @param lingerMs   how long the Kafka producer waits to fill a produce request (Kafka {@code linger.ms})
 * @param batchBytes most bytes per partition in one produce request (Kafka {@code batch.size})
 * @param maxEventBytes the largest canonical event (UTF-8 JSON) the hub hands to Kafka; a larger one goes to the dead
 *                   letter instead. Below the producer's {@code max.request.size} and the broker's
 *                   {@code message.max.bytes} (both about 1 MiB by default): raise all three together
 */
@Validated
@ConfigurationProperties("hub.publish")
public record PublishProperties(
        @Min(1) int chunkSize,
        @Min(0) int lingerMs,
        @Min(1024) int batchBytes,
        @Min(1024) int maxEventBytes) {

    /** UTF-8 length of a text, without encoding it. */
    public static long utf8Bytes(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Whether a text is longer than {@code limit} bytes in UTF-8 (its length alone decides most cases). */
    public static boolean longerThan(CharSequence text, int limit) {
        return text.length() > limit || (text.length() * 3L > limit && utf8Bytes(text) > limit);
    }
}
