package dev.consent4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.store.ConsentStoreException;
import dev.consent4j.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC stores make H2 write every commit before acknowledging it, whatever the URL, or refuse to start. */
class H2WriteDelayTest {

    @TempDir
    Path directory;

    private String fileUrl() {
        return "jdbc:h2:file:" + directory.resolve("shop").toAbsolutePath();
    }

    @Test
    void aPlainFileUrlGetsWriteDelayZero() throws Exception {
        DataSource dataSource = TestDatabases.at(fileUrl());
        try (Connection open = dataSource.getConnection()) {
            assertThat(writeDelays(open)).containsOnly(500);
            JdbcConsentStore.builder(dataSource).build();
            assertThat(writeDelays(open)).containsOnly(0);
        }
    }

    @Test
    void theLedgerStoreSetsItToo() throws Exception {
        DataSource dataSource = TestDatabases.at(fileUrl());
        try (Connection open = dataSource.getConnection()) {
            JdbcLedgerStore.builder(dataSource).build();
            assertThat(writeDelays(open)).containsOnly(0);
        }
    }

    /** H2 forgets the setting when the database closes: it opens again with 500 ms. */
    @Test
    void whenTheDatabaseOpensAgainTheNextWriteSetsItAgain() throws Exception {
        DataSource dataSource = TestDatabases.at(fileUrl());
        JdbcConsentStore store = JdbcConsentStore.builder(dataSource).build();
        store.initializeSchema();
        store.append(List.of(event()));
        try (Connection reopened = dataSource.getConnection()) {
            assertThat(writeDelays(reopened)).contains(500);
            store.append(List.of(event()));
            assertThat(writeDelays(reopened)).containsOnly(0);
        }
    }

    @Test
    void aWriteDelayInTheUrlIsRefused() {
        DataSource dataSource = TestDatabases.at(fileUrl() + ";WRITE_DELAY=300");
        assertThatThrownBy(() -> JdbcConsentStore.builder(dataSource).build())
                .isInstanceOf(ConsentStoreException.class)
                .hasMessageContaining("up to 300 ms after acknowledging it")
                .hasMessageContaining("Remove WRITE_DELAY from the H2 URL or make it ;WRITE_DELAY=0");
        assertThatThrownBy(() -> JdbcLedgerStore.builder(dataSource).build()).isInstanceOf(ConsentStoreException.class);
    }

    @Test
    void writeDelayZeroInTheUrlIsWelcome() throws Exception {
        DataSource dataSource = TestDatabases.at(fileUrl() + ";WRITE_DELAY=0");
        JdbcConsentStore.builder(dataSource).build();
        try (Connection open = dataSource.getConnection()) {
            assertThat(writeDelays(open)).containsOnly(0);
        }
    }

    @Test
    void aUserWhoMayNotSetItIsRefusedWithWhatToChange() throws Exception {
        DataSource admin = TestDatabases.at(fileUrl());
        try (Connection open = admin.getConnection(); Statement statement = open.createStatement()) {
            statement.execute("CREATE USER shop PASSWORD 'secret'");
            DataSource shop = asShop(fileUrl());
            assertThatThrownBy(() -> JdbcConsentStore.builder(shop).dialect(JdbcDialect.H2).build())
                    .isInstanceOf(ConsentStoreException.class)
                    .hasMessageContaining("WRITE_DELAY=500")
                    .hasMessageContaining("user SHOP may not change that")
                    .hasMessageContaining("ALTER USER name ADMIN TRUE");
            // Once an administrator has set it, the database stays durable as long as it is open.
            statement.execute("SET WRITE_DELAY 0");
            JdbcConsentStore.builder(shop).dialect(JdbcDialect.H2).build();
        }
    }

    @Test
    void inMemoryDatabasesNeedNothing() throws Exception {
        String url = "jdbc:h2:mem:write-delay";
        try (Connection open = TestDatabases.at(url).getConnection(); Statement statement = open.createStatement()) {
            statement.execute("CREATE USER shop PASSWORD 'secret'");
            assertThat(writeDelays(open)).containsOnly(0);
            // A user without ADMIN rights, who could not set it.
            JdbcConsentStore.builder(asShop(url)).dialect(JdbcDialect.H2).build();
        }
    }

    /** Connects as the user {@code shop}, not as the URL's own (none: H2's admin). */
    private static DataSource asShop(String url) {
        return TestDatabases.at(url + ";USER=shop;PASSWORD=secret");
    }

    private static NewEvent event() {
        return NewEvent.of(SubjectId.customer("alice"), Topic.purpose("newsletter"), Action.GRANT, "v1",
                Instant.parse("2026-06-01T00:00:00Z"), Source.API, Actor.SELF, "JP", Evidence.NONE, null, null);
    }

    private static List<Integer> writeDelays(Connection connection) throws SQLException {
        List<Integer> delays = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            while (rows.next()) {
                delays.add(Integer.parseInt(rows.getString(1)));
            }
        }
        return delays;
    }
}
