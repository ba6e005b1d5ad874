package io.crmhub.simulator.oa;

import io.crmhub.simulator.Trickle;

import io.crmhub.connector.erp.ErpConnectorProperties;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;

/**
 * The demo OA for the local default: seeds contacts from the ERP's customers (when the ERP is there),
 * serves the OA WSDL on its own port and keeps a trickle of tickets, visits, contracts and surveys going.
 * Starts before the Camel routes (Spring lifecycle beans start before the context-refreshed event).
 */
@Component
@ConditionalOnProperty(name = "hub.simulator.oa.enabled", havingValue = "true")
public class OaSimulator implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OaSimulator.class);

    private final OaSimulatorProperties props;
    private final ErpConnectorProperties erp;
    private final OaSimulation simulation = new OaSimulation(System.nanoTime());
    private final OaFaultPlan faults;
    private OaSimulatorServer server;
    private Trickle trickle;

    public OaSimulator(OaSimulatorProperties props, ErpConnectorProperties erp) {
        this.props = props;
        this.erp = erp;
        // slow enough to pass any sensible client timeout of a test
        this.faults = new OaFaultPlan(5_000);
    }

    @Override
    public void start() {
        List<Map<String, Object>> erpCustomers = erpCustomers(props.seedContacts());
        simulation.seedContacts(erpCustomers, props.seedContacts());
        if (props.historyDays() > 0) {
            simulation.seedHistory(props.historyDays(), props.seedContacts() * 3, props.seedContacts() * 2);
        }
        server = OaSimulatorServer.start(props.port(), simulation.data(), faults, props.username(),
                props.password(), props.token());
        LOG.info("OA simulator at {} with {} contacts ({} from ERP customers)", server.address(),
                props.seedContacts(), erpCustomers.size());
        if (props.changesPerSecond() > 0) {
            trickle = Trickle.perSecond("oa-simulator", props.changesPerSecond(),
                    (long) (1_000 / props.changesPerSecond()), this::tick);
        }
    }

    private void tick() {
        try {
            simulation.tick();
        } catch (RuntimeException e) {
            // the demo must keep going; the hub is what is being watched
            LOG.warn("OA simulator change failed: {}", e.toString());
        }
    }

    /** The ERP's customers, read as the OA's service staff would see them; none when there is no ERP. */
    private List<Map<String, Object>> erpCustomers(int limit) {
        try {
            DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:postgresql://" + erp.host() + ":"
                    + erp.port() + "/" + erp.database(), erp.user(), erp.password());
            // an OA speaks XML 1.0, which cannot carry C0 control characters: such an ERP row has no OA twin
            return new JdbcTemplate(ds).queryForList("SELECT kind, name, contact_name, mobile, phone, email, "
                    + "(SELECT min(order_date) FROM sales_orders o WHERE o.customer_id = c.id AND o.status <> 'VOID') "
                    + "AS first_order FROM customers c ORDER BY id LIMIT ?", Math.max(0, limit * 3 / 4)).stream()
                    .filter(row -> row.values().stream().noneMatch(OaSimulator::hasControlCharacter)).toList();
        } catch (RuntimeException e) {
            LOG.info("OA simulator: no ERP customers to overlap with ({}); contacts are all new",
                    e.getClass().getSimpleName());
            return List.of();
        }
    }

    private static boolean hasControlCharacter(Object value) {
        return value instanceof String text
                && text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r');
    }

    public OaSimulation simulation() {
        return simulation;
    }

    public OaFaultPlan faults() {
        return faults;
    }

    public OaSimulatorServer server() {
        return server;
    }

    @Override
    public void stop() {
        if (trickle != null) {
            trickle.stop();
            trickle = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
