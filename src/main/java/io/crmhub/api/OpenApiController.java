package io.crmhub.api;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the partner API contract, the same file the contract test checks the implementation against. */
@RestController
public class OpenApiController {

    static final String DOCUMENT = "contracts/partner-api.yaml";

    @GetMapping("/api/v1/openapi.yaml")
    public ResponseEntity<Resource> openApi() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml"))
                .body(new ClassPathResource(DOCUMENT));
    }
}
