package io.crmhub.ops.cluster;

import io.crmhub.connector.debezium.GracefulDebeziumEndpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.master.MasterEndpoint;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.CamelContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * Keeps leadership of the singleton routes (ERP CDC, OA poll, shop inbox) on a healthy pod only, and makes
 * every hand-over ordered: the singleton consumer stops (Debezium flushes its offsets, closes the replication
 * slot) <em>before</em> the lock or Lease is released.
 * <p>
 * Camel's {@code master:} consumer releases its cluster view before it stops the consumer it wraps. The guard
 * therefore holds its own reference on each view: stopping a route (or the whole context) then stops the
 * consumer while this pod still leads, and the lock goes only when the guard lets go of the view (step-down)
 * or when the cluster service stops after the routes (shutdown).
 */
public class LeadershipGuard {

    private static final Logger LOG = LoggerFactory.getLogger(LeadershipGuard.class);

    private final LeadershipProperties properties;
    private final ApplicationAvailability availability;
    private final HubHealth health;
    private final MeterRegistry registry;
    private final Map<SingletonRoute, CamelClusterView> held = new LinkedHashMap<>();
    private final Map<SingletonRoute, LeadershipLossListener> listeners = new LinkedHashMap<>();
    private final List<SingletonRoute> steppedDown = new ArrayList<>();
    private final ExecutorService restarter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hub-leadership-restart");
        t.setDaemon(true);
        return t;
    });
    private final CamelContext camel;
    private volatile CamelClusterService clusterService;
    private volatile List<SingletonRoute> singletons = List.of();
    private ScheduledExecutorService checker;

    public LeadershipGuard(CamelContext camel, LeadershipProperties properties, ApplicationAvailability availability,
            HubHealth health, MeterRegistry registry) {
        this.camel = camel;
        this.properties = properties;
        this.availability = availability;
        this.health = health;
        this.registry = registry;
    }

    /**
     * Once the hub is ready (routes started, first health known): hold the views and watch health. Before that,
     * the routes' first start and their leadership are the supervising route controller's and Camel's business.
     */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void onReady() {
        singletons = singletonRoutes(camel);
        LOG.info("Singleton routes (leader only): {}", singletonRouteIds());
        if (singletons.isEmpty() || checker != null) {
            return;
        }
        clusterService = ((MasterEndpoint) camel.getRoute(singletons.get(0).routeId()).getEndpoint())
                .getComponent().getService();
        for (SingletonRoute s : singletons) {
            Gauge.builder("hub.cluster.leader", () -> isLeader(s.routeId()) ? 1 : 0)
                    .description("1 while this instance leads the singleton route").tag("route", s.routeId())
                    .register(registry);
        }
        holdViews();
        checker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "hub-leadership-guard"));
        checker.scheduleWithFixedDelay(this::check, properties.healthCheckIntervalMs(),
                properties.healthCheckIntervalMs(), TimeUnit.MILLISECONDS);
    }

    /**
     * Shutdown: stop watching, keep the views held. Camel then stops the routes (consumers flush and stop while
     * this pod still leads) and afterwards the cluster service, which releases the locks.
     */
    @EventListener(ContextClosedEvent.class)
    public synchronized void onClose() {
        restarter.shutdownNow();
        if (checker != null) {
            checker.shutdownNow();
            checker = null;
        }
    }

    /** True while this pod leads the singleton route. */
    public boolean isLeader(String routeId) {
        CamelClusterService service = clusterService;
        return service != null && singletons.stream().filter(s -> s.routeId().equals(routeId))
                .anyMatch(s -> service.isLeader(s.namespace()));
    }

    /** The singleton routes of this hub. */
    public List<String> singletonRouteIds() {
        return singletons.stream().map(SingletonRoute::routeId).toList();
    }

    synchronized void check() {
        try {
            boolean healthy = availability.getLivenessState() == LivenessState.CORRECT
                    && health.allUp(properties.healthIndicators());
            if (!healthy && steppedDown.isEmpty() && !held.isEmpty()) {
                stepDown();
            } else if (healthy && held.isEmpty()) {
                stepUp();
            }
        } catch (Exception e) {
            LOG.warn("Leadership health check failed: {}", e.toString());
        }
    }

    /** Stops the singleton consumers (flushing their offsets), then lets go of leadership. */
    private void stepDown() throws Exception {
        LOG.warn("Hub unhealthy: stopping singleton routes and giving up their leadership");
        for (SingletonRoute s : singletons) {
            if (camel.getRouteController().getRouteStatus(s.routeId()) == ServiceStatus.Started) {
                GracefulDebeziumEndpoint.drainRoute(camel, s.routeId());
                camel.getRouteController().stopRoute(s.routeId());
                steppedDown.add(s);
            }
        }
        for (Map.Entry<SingletonRoute, CamelClusterView> e : held.entrySet()) {
            e.getValue().removeEventListener(listeners.remove(e.getKey()));
            clusterService.releaseView(e.getValue());
        }
        held.clear();
    }

    /** Healthy again: compete for leadership and restart the routes stopped by {@link #stepDown()}. */
    private void stepUp() throws Exception {
        LOG.info("Hub healthy again: competing for leadership of {}", steppedDown);
        holdViews();
        for (SingletonRoute s : steppedDown) {
            camel.getRouteController().startRoute(s.routeId());
        }
        steppedDown.clear();
    }

    private void holdViews() {
        for (SingletonRoute s : singletons) {
            try {
                CamelClusterView view = clusterService.getView(s.namespace());
                LeadershipLossListener listener = new LeadershipLossListener(s);
                view.addEventListener(listener);
                listeners.put(s, listener);
                held.put(s, view);
            } catch (Exception e) {
                throw new IllegalStateException("cannot join leadership namespace " + s.namespace(), e);
            }
        }
    }

    static List<SingletonRoute> singletonRoutes(CamelContext camelContext) {
        Model model = camelContext.getCamelContextExtension().getContextPlugin(Model.class);
        List<SingletonRoute> result = new ArrayList<>();
        for (Route route : camelContext.getRoutes()) {
            if (route.getEndpoint() instanceof MasterEndpoint master && autoStartup(camelContext, model, route)) {
                result.add(new SingletonRoute(route.getRouteId(), master.getNamespace()));
            }
        }
        return result;
    }

    /**
     * A disabled connector's route competes for nothing. The supervising route controller turns every route's own
     * auto-startup flag off (it starts them itself), so the flag is read from the route definition.
     */
    private static boolean autoStartup(CamelContext camelContext, Model model, Route route) {
        RouteDefinition definition = model.getRouteDefinition(route.getRouteId());
        String flag = definition == null ? null : definition.getAutoStartup();
        return flag == null || Boolean.TRUE.equals(CamelContextHelper.parseBoolean(camelContext, flag));
    }

    /**
     * Works around Camel 4.17's {@code MasterConsumer}: its "start the consumer" task keeps re-running after success,
     * so after an unexpected loss of leadership (lock or Lease lost while the route runs) it would start the
     * consumer again on a pod that no longer leads. Restarting the route ends that task; the fresh master consumer
     * waits for leadership like any follower.
     */
    private final class LeadershipLossListener implements CamelClusterEventListener.Leadership {
        private final SingletonRoute route;
        private volatile boolean leading;

        LeadershipLossListener(SingletonRoute route) {
            this.route = route;
        }

        @Override
        public void leadershipChanged(CamelClusterView view, CamelClusterMember leader) {
            boolean now = view.getLocalMember().isLeader();
            if (!leading && now) {
                LOG.info("Leading {}", route.routeId());
            } else if (leading && !now) {
                LOG.warn("Leadership of {} lost while running: restarting the route as a follower", route.routeId());
                restarter.execute(() -> restartAsFollower(route));
            }
            leading = now;
        }
    }

    private synchronized void restartAsFollower(SingletonRoute route) {
        try {
            if (held.containsKey(route)
                    && camel.getRouteController().getRouteStatus(route.routeId()) == ServiceStatus.Started) {
                GracefulDebeziumEndpoint.drainRoute(camel, route.routeId());
                camel.getRouteController().stopRoute(route.routeId());
                camel.getRouteController().startRoute(route.routeId());
            }
        } catch (Exception e) {
            LOG.warn("Cannot restart {} after losing leadership: {}", route.routeId(), e.toString());
        }
    }
}
