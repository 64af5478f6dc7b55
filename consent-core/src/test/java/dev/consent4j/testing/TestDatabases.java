package dev.consent4j.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The databases store tests run against. PostgreSQL comes from {@code CONSENT4J_TEST_POSTGRES_URL}
 * and MariaDB from {@code CONSENT4J_TEST_MARIADB_URL}; without them, from embedded servers the
 * tests start themselves ({@link EmbeddedPostgresServer}, {@link EmbeddedMariaDbServer}), so the
 * tests of both always run.
 */
public final class TestDatabases {

    public static final String POSTGRES = "CONSENT4J_TEST_POSTGRES_URL";
    public static final String MARIADB = "CONSENT4J_TEST_MARIADB_URL";

    private TestDatabases() {
    }

    /** A data source for the database in {@code variable}, or for the embedded server without one. */
    public static DataSource fromEnvironment(String variable) {
        return new DriverManagerDataSource(urlFromEnvironment(variable));
    }

    /**
     * The JDBC URL in {@code variable}, for a caller that pools its connections, or the embedded
     * server's without one.
     */
    public static String urlFromEnvironment(String variable) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            return switch (variable) {
                case POSTGRES -> EmbeddedPostgresServer.url();
                case MARIADB -> EmbeddedMariaDbServer.url();
                default -> throw new IllegalArgumentException("not a database variable: " + variable);
            };
        }
        return url;
    }

    /** A data source for {@code url}, taken as given: no options added. */
    public static DataSource at(String url) {
        return new DriverManagerDataSource(url);
    }

    /** An H2 database in a file: durable across connections and store instances, like a real one. */
    public static DataSource h2File(java.nio.file.Path directory) {
        return new DriverManagerDataSource("jdbc:h2:file:" + directory.resolve("consent").toAbsolutePath() + ";DB_CLOSE_DELAY=0");
    }

    /** A data source that opens a new connection each time: enough for tests, no pool needed. */
    public static final class DriverManagerDataSource implements DataSource {
        private final String url;

        DriverManagerDataSource(String url) {
            this.url = url;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
