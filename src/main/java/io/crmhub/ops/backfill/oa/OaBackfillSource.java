package io.crmhub.ops.backfill.oa;

import io.crmhub.connector.oa.OaEntity;
import io.crmhub.connector.oa.OaPaging;
import io.crmhub.ops.backfill.BackfillException;
import io.crmhub.ops.backfill.BackfillSource;
import io.crmhub.ops.backfill.SourceSnapshot;
import java.util.Arrays;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * OA backfill by SOAP paging: the entity's change feed from the beginning, through the live connector's client
 * ({@link OaPaging#pageAfter}) and conversion, with the run's own watermark as cursor; the live
 * {@code oa_watermark} is neither read nor moved. Records keep the live sequence, the OA {@code version}
 * ({@link OaSnapshot}). No range: the feed's order (last change) says nothing about a record's history.
 */
@Component
public class OaBackfillSource implements BackfillSource {

    private final OaPaging paging;

    public OaBackfillSource(OaPaging paging) {
        this.paging = paging;
    }

    @Override
    public String system() {
        return "oa";
    }

    @Override
    public SourceSnapshot open(String entity, String from, String to, OptionalLong runSequence) {
        OaEntity oaEntity = Arrays.stream(OaEntity.values()).filter(e -> e.id().equals(entity)).findFirst()
                .orElseThrow(() -> new BackfillException("oa has no entity '" + entity + "'; entities: "
                        + Arrays.stream(OaEntity.values()).map(OaEntity::id).toList()));
        if (from != null || to != null) {
            throw new BackfillException("oa: no range (from/to); the change feed is read from the beginning");
        }
        return new OaSnapshot(paging, oaEntity, new OaRetry());
    }
}
