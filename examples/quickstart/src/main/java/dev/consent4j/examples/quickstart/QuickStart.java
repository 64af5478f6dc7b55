package dev.consent4j.examples.quickstart;

// tag::servlet-quick-start[]
import dev.consent4j.ConsentManager;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.servlet.ConsentEndpoints;
import dev.consent4j.servlet.ConsentFilter;
import dev.consent4j.servlet.ConsentTags;
import dev.consent4j.servlet.JurisdictionResolver;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.h2.jdbcx.JdbcDataSource;

public final class QuickStart {

    public static void main(String[] args) throws Exception {
        String key = System.getenv("CONSENT_KEY");
        if (key == null) {
            throw new IllegalStateException("set CONSENT_KEY to 32 random bytes in Base64: openssl rand -base64 32");
        }
        start(8080, key, "jdbc:h2:file:./target/quickstart-db/consent").join();
    }

    static Server start(int port, String base64Key, String h2Url) throws Exception {
        Policy policy = PolicyLoader.loadResource("consent-policy.yaml", QuickStart.class.getClassLoader());
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(h2Url);
        JdbcConsentStore store = JdbcConsentStore.builder(dataSource).build();
        store.initializeSchema();
        ConsentManager consents = ConsentManager.builder(policy, store).build();

        SigningKeys keys = SigningKeys.of(SigningKey.fromBase64("k1", base64Key));
        ConsentFilter filter = ConsentFilter.builder(consents, keys)
                .jurisdictions(JurisdictionResolver.fixed(Jurisdiction.JP))
                .build();
        UnsubscribeTokens tokens = new UnsubscribeTokens(keys, Clock.systemUTC());
        ConsentEndpoints endpoints = ConsentEndpoints.builder(consents, tokens).build();

        ServletContextHandler context = new ServletContextHandler();
        FilterHolder consentFilter = new FilterHolder(filter);
        consentFilter.setAsyncSupported(true);
        context.addFilter(consentFilter, "/*",
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
        context.addServlet(new ServletHolder(endpoints), "/consent/*");
        context.addServlet(new ServletHolder(endpoints), "/.well-known/gpc.json");
        context.addServlet(new ServletHolder(new HomePage()), "/");

        Server server = new Server(port);
        server.setHandler(context);
        server.start();
        return server;
    }

    /** Your pages: the banner's two tags go in each page's head, before any Google tag. */
    static final class HomePage extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!doctype html><html lang=\"en\"><head><title>My shop</title>\n"
                    + ConsentTags.head(request)
                    + "</head><body><h1>My shop</h1><a href=\"#\" data-consent-open>Privacy choices</a></body></html>\n");
        }
    }
}
// end::servlet-quick-start[]
