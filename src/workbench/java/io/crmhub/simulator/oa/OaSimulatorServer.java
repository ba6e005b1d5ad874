package io.crmhub.simulator.oa;

import io.crmhub.connector.oa.wsdl.OaChanges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.CXFBusFactory;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * A real SOAP server for the OA WSDL on its own port: an embedded Tomcat with the CXF servlet on a Bus of
 * its own (so it shares nothing with the hub's CXF client), the guard filter in front. Address
 * {@code http://localhost:<port>/oa}; the WSDL at {@code /oa?wsdl}.
 */
public final class OaSimulatorServer implements AutoCloseable {

    private final Tomcat tomcat;
    private final Bus bus;
    private final int port;

    private OaSimulatorServer(Tomcat tomcat, Bus bus) {
        this.tomcat = tomcat;
        this.bus = bus;
        this.port = tomcat.getConnector().getLocalPort();
    }

    /** Starts serving {@code data}; port 0 picks a free one. Credentials: see {@link OaGuardFilter}. */
    public static OaSimulatorServer start(int port, OaData data, OaFaultPlan faults, String username,
            String password, String token) {
        Bus bus = privateBus();
        Tomcat tomcat = new Tomcat();
        try {
            tomcat.setBaseDir(Files.createTempDirectory("oa-simulator").toString());
            tomcat.setPort(port);
            tomcat.getConnector();
            Context context = tomcat.addContext("", null);
            CXFNonSpringServlet servlet = new CXFNonSpringServlet();
            servlet.setBus(bus);
            Wrapper wrapper = Tomcat.addServlet(context, "cxf", servlet);
            wrapper.setLoadOnStartup(1);
            context.addServletMappingDecoded("/*", "cxf");
            addGuard(context, new OaGuardFilter(username, password, token, faults));
            tomcat.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException("OA simulator could not start on port " + port, e);
        }
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(OaChanges.class);
        factory.setServiceBean(new OaChangesService(data));
        factory.setAddress("/oa");
        factory.create();
        return new OaSimulatorServer(tomcat, bus);
    }

    /** A Bus of its own that does not become the JVM's default (the hub's client would pick it up). */
    private static Bus privateBus() {
        Bus previous = BusFactory.getDefaultBus(false);
        Bus previousThread = BusFactory.getThreadDefaultBus(false);
        Bus bus = new CXFBusFactory().createBus();
        BusFactory.setDefaultBus(previous);
        BusFactory.setThreadDefaultBus(previousThread);
        return bus;
    }

    private static void addGuard(Context context, OaGuardFilter guard) {
        FilterDef def = new FilterDef();
        def.setFilterName("oa-guard");
        def.setFilter(guard);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("oa-guard");
        map.addURLPattern("/*");
        context.addFilterMap(map);
    }

    public int port() {
        return port;
    }

    public String address() {
        return "http://localhost:" + port + "/oa";
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException("OA simulator did not stop cleanly", e);
        } finally {
            bus.shutdown(false);
        }
    }
}
