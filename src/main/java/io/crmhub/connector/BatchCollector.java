package io.crmhub.connector;

import io.crmhub.messaging.DeadLetterMark;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

/**
 * Aggregation strategy of the splits that work through a batch change by change ({@code aggregationStrategy:
 * batchCollector}): the body becomes the list of what each change turned into, in order, without the changes that
 * went to the dead letter; the batch's own headers and properties stay as they were (the OA paging loop reads them).
 * A change that failed without being dead-lettered fails the batch, so that nothing of it is acknowledged.
 */
@Component("batchCollector")
public class BatchCollector implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange collected, Exchange change) {
        // a fresh carrier, not the first change's exchange: that one may carry a dead letter's headers
        Exchange result = collected != null ? collected : carrier(change);
        if (change.getException() != null) {
            result.setException(change.getException());
        } else if (change.getProperty(DeadLetterMark.PROPERTY) == null) {
            result.getMessage().getBody(List.class).add(change.getMessage().getBody());
        }
        return result;
    }

    @Override
    public void onCompletion(Exchange result, Exchange batch) {
        if (result != null && batch != null && result != batch) {
            result.getMessage().getHeaders().putAll(batch.getMessage().getHeaders());
        }
    }

    private static Exchange carrier(Exchange change) {
        Exchange carrier = new DefaultExchange(change.getContext());
        carrier.getMessage().setBody(new ArrayList<>());
        return carrier;
    }
}
