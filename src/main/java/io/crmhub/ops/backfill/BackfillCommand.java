package io.crmhub.ops.backfill;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The backfill command: with {@code --hub.backfill.source=… --hub.backfill.entity=…} the hub starts without its
 * source connectors ({@link BackfillModeEnvironment}), runs the backfill once the context is up, prints the report
 * and exits: 0 consistent, 2 mismatches (or rejected lines), 3 paused (resumable), 1 failed. With
 * {@code hub.backfill.exit=false} the process stays up afterwards (the local default: embedded PostgreSQL on 15432).
 */
@Component
@ConditionalOnProperty(prefix = "hub.backfill", name = "source")
public class BackfillCommand implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillCommand.class);

    private final BackfillService service;
    private final BackfillProperties props;
    private final ConfigurableApplicationContext context;

    public BackfillCommand(BackfillService service, BackfillProperties props, ConfigurableApplicationContext context) {
        this.service = service;
        this.props = props;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code;
        try {
            code = service.run(props.request(), BackfillObserver.NONE).exitCode();
        } catch (BackfillException e) {
            LOG.error("backfill failed: {} (run it again to resume from the last checkpoint)", e.getMessage());
            code = 1;
        } catch (RuntimeException e) {
            // type only: a driver's or parser's message may quote source data
            LOG.error("backfill failed: unexpected {} (run it again to resume from the last checkpoint)",
                    e.getClass().getName());
            code = 1;
        }
        if (props.exit()) {
            int status = code;
            System.exit(SpringApplication.exit(context, () -> status));
        }
        LOG.info("backfill ended with status {}; the hub keeps running (hub.backfill.exit=false): the store can be"
                + " inspected until the process is stopped", code);
    }
}
