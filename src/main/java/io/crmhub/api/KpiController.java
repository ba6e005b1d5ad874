package io.crmhub.api;

import io.crmhub.kpi.CustomerKpis;
import io.crmhub.kpi.KpiReport;
import io.crmhub.kpi.KpiService;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The CRM indicators (docs/kpis.md): per period, per segment or grade, per golden customer. */
@RestController
@RequestMapping("/api/v1/kpis")
public class KpiController {

    private final KpiService kpis;

    public KpiController(KpiService kpis) {
        this.kpis = kpis;
    }

    @GetMapping
    public KpiReport report(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                            @RequestParam(defaultValue = "month") String granularity,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                            LocalDate asOf,
                            @RequestParam(required = false) String segment,
                            @RequestParam(required = false) String grade,
                            @RequestParam(required = false) UUID goldenId) {
        return kpis.report(from, to, granularity, asOf, segment, grade, goldenId);
    }

    @GetMapping("/customers/{goldenId}")
    public CustomerKpis customer(@PathVariable UUID goldenId,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                 LocalDate asOf) {
        return kpis.customer(goldenId, asOf);
    }
}
