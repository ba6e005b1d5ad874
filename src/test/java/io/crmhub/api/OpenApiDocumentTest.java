package io.crmhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The partner API document loads as OpenAPI 3 and every operation is named and documents its errors. */
class OpenApiDocumentTest {

    @Test
    void theContractLoadsAndEveryOperationHasAnIdAndProblemResponses() throws Exception {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/" + OpenApiController.DOCUMENT)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        OpenApiInteractionValidator.createForInlineApiSpecification(yaml).build();
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        List<String> incomplete = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().has("responses") && (!op.getValue().has("operationId")
                    || !path.getKey().endsWith("openapi.yaml") && !op.getValue().path("responses").has("401"))) {
                incomplete.add(op.getKey() + " " + path.getKey());
            }
        }));
        assertThat(incomplete).isEmpty();
    }
}
