package dev.consent4j.servlet.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * A real embedded Tomcat on 127.0.0.1 with a random port, set up like {@link JettyShop}: the
 * {@link TestLogin} filter first, then the filters and servlets given, in order. Tomcat keeps its
 * defaults (URI checks, header limits, error report valve), so tests see what a shop on Tomcat sees.
 */
public final class TomcatShop implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();
    private final Connector connector = new Connector();
    private final Context context;
    private int filters;
    private int servlets;

    public TomcatShop() throws IOException {
        Path base = Files.createTempDirectory("tomcat-shop");
        tomcat.setBaseDir(base.toString());
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        context = tomcat.addContext("", base.toString());
        addFilter(new TestLogin(), "/*", DispatcherType.REQUEST);
    }

    /** Maps the filter for REQUEST, ERROR and ASYNC dispatches, as the filter's documentation asks. */
    public TomcatShop filter(Filter filter, String urlPattern) {
        addFilter(filter, urlPattern, DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return this;
    }

    public TomcatShop servlet(Servlet servlet, String urlPattern) {
        String name = "servlet-" + servlets++;
        Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
        wrapper.setAsyncSupported(true);
        context.addServletMappingDecoded(urlPattern, name);
        return this;
    }

    public TomcatShop start() throws LifecycleException {
        tomcat.start();
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    private void addFilter(Filter filter, String urlPattern, DispatcherType... dispatches) {
        FilterDef definition = new FilterDef();
        definition.setFilterName("filter-" + filters++);
        definition.setFilter(filter);
        definition.setAsyncSupported("true");
        context.addFilterDef(definition);
        FilterMap map = new FilterMap();
        map.setFilterName(definition.getFilterName());
        map.addURLPatternDecoded(urlPattern);
        for (DispatcherType dispatch : dispatches) {
            map.setDispatcher(dispatch.name());
        }
        context.addFilterMap(map);
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
