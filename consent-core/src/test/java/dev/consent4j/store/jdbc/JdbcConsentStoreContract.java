package dev.consent4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.ChainSealedBeforeTheSplit;
import dev.consent4j.event.ChainVerification;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.outbox.DecisionChanges;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.ConsentStoreContract;
import dev.consent4j.store.CustomerQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The contract on a real database, plus what only a database store promises. */
abstract class JdbcConsentStoreContract extends ConsentStoreContract {

    static final String PREFIX = "c4jtest_";

    protected DataSource dataSource;

    protected abstract DataSource dataSource() throws Exception;

    /** Runs statements with the append-only protection lifted, as an attacker with table access could. */
    protected abstract void runUnprotected(Connection connection, String sql, String... parameters) throws SQLException;

    @Override
    protected ConsentStore createStore() throws Exception {
        dataSource = dataSource();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "outbox");
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "chain_head");
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "latest");
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "event");
        }
        JdbcConsentStore store = JdbcConsentStore.builder(dataSource).tablePrefix(PREFIX).build();
        store.initializeSchema();
        store.initializeSchema(); // running it twice is harmless
        return store;
    }

    @Override
    protected ConsentStore createStore(DecisionChanges changes) throws Exception {
        createStore();
        JdbcConsentStore store = JdbcConsentStore.builder(dataSource).tablePrefix(PREFIX).outbox(changes).build();
        assertThat(store.missingTables()).containsExactly(PREFIX + "outbox");
        store.initializeSchema();
        store.initializeSchema();
        assertThat(store.missingTables()).isEmpty();
        return store;
    }

    /** Another store instance over the same database, as a restart or a second node sees it. */
    protected ConsentStore reopen() {
        return JdbcConsentStore.builder(dataSource).tablePrefix(PREFIX).build();
    }

    /** Changes a stored event's action behind the store's back, as someone with table access could. */
    protected void tamper(EventId event, String newAction) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            runUnprotected(connection, "UPDATE " + PREFIX + "event SET action = ? WHERE id = ?", newAction, event.toString());
        }
    }

    @Test
    void anAppendWhoseOutboxRowCannotBeWrittenStoresNothing() throws Exception {
        Policy policy = PolicyLoader.loadResource("dev/consent4j/state/decisions-policy.yaml", getClass().getClassLoader());
        ConsentStore withOutbox = createStore(DecisionChanges.of(policy,
                dev.consent4j.state.ConsentSettings.defaults(), java.time.Clock.systemUTC()));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + PREFIX + "outbox");
        }
        SubjectId alice = SubjectId.customer("alice");

        assertThatThrownBy(() -> withOutbox.append(List.of(NewEvent.of(alice, TARGETED_ADS, Action.WITHDRAW, "v2",
                java.time.Instant.now(), Source.BANNER, dev.consent4j.event.Actor.SELF, "JP", null, null, null))))
                .isInstanceOf(dev.consent4j.store.ConsentStoreException.class);
        assertThat(withOutbox.events(alice)).isEmpty();
    }

    @Test
    void whatWasAcknowledgedSurvivesANewStoreInstance() {
        SubjectId alice = SubjectId.customer("alice");
        List<ConsentEvent> sealed = store.append(List.of(event(alice, NEWSLETTER_EMAIL, Action.GRANT, 0)));

        ConsentStore reopened = reopen();

        assertThat(reopened.events(alice)).containsExactlyElementsOf(sealed);
        assertThat(reopened.append(List.of(event(alice, NEWSLETTER_EMAIL, Action.WITHDRAW, 1))).get(0).sequence())
                .isEqualTo(2);
    }

    @Test
    void verifyFindsAnEventChangedBehindTheStoresBack() throws Exception {
        SubjectId alice = SubjectId.customer("alice");
        List<ConsentEvent> sealed = store.append(List.of(event(alice, NEWSLETTER_EMAIL, Action.GRANT, 0),
                event(alice, TARGETED_ADS, Action.DENY, 1)));

        tamper(sealed.get(0).id(), "WITHDRAW");
        ChainVerification verification = store.verify(alice);

        assertThat(verification.valid()).isFalse();
        assertThat(verification.brokenAt()).isZero();
    }

    protected static void update(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    /** For databases with the append-only triggers (PostgreSQL, MariaDB): their subclasses call it from a test. */
    protected void assertTheDatabaseRefusesToChangeOrDeleteEvents() throws Exception {
        EventId id = store.append(List.of(event(SubjectId.customer("alice"), Topic.purpose("targeted-ads"), Action.GRANT, 0)))
                .get(0).id();
        try (Connection connection = dataSource.getConnection()) {
            assertThatThrownBy(() -> update(connection, "UPDATE " + PREFIX + "event SET action = 'DENY' WHERE id = ?",
                    id.toString())).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> update(connection, "DELETE FROM " + PREFIX + "event WHERE id = ?", id.toString()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(store.events(SubjectId.customer("alice"))).hasSize(1);
    }

    @Test
    void eachChainsHeadRowIsItsLastEvent() throws Exception {
        SubjectId alice = SubjectId.customer("alice");
        SubjectId bob = SubjectId.customer("bob");
        store.append(List.of(event(alice, NEWSLETTER_EMAIL, Action.GRANT, 0), event(bob, TARGETED_ADS, Action.DENY, 1),
                event(alice, TARGETED_ADS, Action.GRANT, 2)));
        ConsentEvent last = store.append(List.of(event(alice, NEWSLETTER_EMAIL, Action.WITHDRAW, 3))).get(0);

        assertThat(head(alice)).isEqualTo(last.sequence() + " " + last.hash());
        assertThat(last.sequence()).isEqualTo(3);
        assertThat(head(bob)).startsWith("1 ");
        assertThat(head(SubjectId.customer("carol"))).isNull();
    }

    @Test
    void aHeadBehindItsChainCatchesUpAndTheAppendLandsAtTheEnd() throws Exception {
        SubjectId alice = SubjectId.customer("alice");
        SubjectId bob = SubjectId.customer("bob");
        List<ConsentEvent> first = store.append(List.of(event(alice, NEWSLETTER_EMAIL, Action.GRANT, 0),
                event(alice, TARGETED_ADS, Action.GRANT, 1), event(bob, TARGETED_ADS, Action.DENY, 2)));
        // As consent4j 0.1 left things: events appended without moving the head, or no head at all.
        try (Connection connection = dataSource.getConnection()) {
            update(connection, "UPDATE " + PREFIX + "chain_head SET seq = 1, hash = ? WHERE subject = ?",
                    first.get(0).hash(), alice.toString());
            update(connection, "DELETE FROM " + PREFIX + "chain_head WHERE subject = ?", bob.toString());
        }

        List<ConsentEvent> next = store.append(List.of(event(alice, TARGETED_ADS, Action.WITHDRAW, 3),
                event(bob, TARGETED_ADS, Action.GRANT, 4)));

        assertThat(next).extracting(ConsentEvent::sequence).containsExactly(3L, 2L);
        assertThat(store.verify(alice).valid()).isTrue();
        assertThat(store.verify(bob).valid()).isTrue();
        assertThat(head(alice)).isEqualTo("3 " + next.get(0).hash());
    }

    @Test
    void initializeSchemaUpgradesTheTablesOfVersion01() throws Exception {
        SubjectId alice = SubjectId.customer("alice");
        SubjectId bob = SubjectId.customer("bob");
        List<ConsentEvent> sealed = store.append(List.of(event(alice, NEWSLETTER_EMAIL, Action.GRANT, 0),
                event(alice, TARGETED_ADS, Action.GRANT, 1), event(bob, TARGETED_ADS, Action.DENY, 2)));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + PREFIX + "chain_head");
        }
        JdbcConsentStore upgraded = JdbcConsentStore.builder(dataSource).tablePrefix(PREFIX).build();
        assertThat(upgraded.missingTables()).containsExactly(PREFIX + "chain_head");

        upgraded.initializeSchema();

        assertThat(upgraded.missingTables()).isEmpty();
        assertThat(head(alice)).isEqualTo("2 " + sealed.get(1).hash());
        assertThat(head(bob)).isEqualTo("1 " + sealed.get(2).hash());
        assertThat(upgraded.append(List.of(event(alice, TARGETED_ADS, Action.DENY, 3))).get(0).sequence()).isEqualTo(3);
        assertThat(upgraded.verify(alice).valid()).isTrue();
    }

    @Test
    void aChainStoredBeforeEventsAndSealsWereSplitReadsBackVerifiesAndGrows() throws Exception {
        List<ConsentEvent> stored = ChainSealedBeforeTheSplit.chain();
        SubjectId alice = ChainSealedBeforeTheSplit.SUBJECT;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + PREFIX + "event ("
                    + EventRows.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ConsentEvent event : stored) {
                    EventRows.bind(insert, event);
                    insert.executeUpdate();
                }
            }
            // No head row: the store brings it up to the chain on the first append, as after 0.1.
        }

        assertThat(store.events(alice)).isEqualTo(stored);
        assertThat(store.verify(alice).valid()).isTrue();
        ConsentEvent next = store.append(List.of(event(alice, NEWSLETTER_EMAIL, Action.GRANT, 9))).get(0);
        assertThat(next.seal().sequence()).isEqualTo(4);
        assertThat(next.previousHash()).isEqualTo(stored.get(2).hash());
        assertThat(store.verify(alice).valid()).isTrue();
    }

    /** The chain's head row as "seq hash", or {@code null} when it has none. */
    private String head(SubjectId subject) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT seq, hash FROM " + PREFIX
                        + "chain_head WHERE subject = ?")) {
            select.setString(1, subject.toString());
            try (java.sql.ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) + " " + rows.getString(2) : null;
            }
        }
    }

    @Test
    void dialectIsDetected() {
        assertThat(((JdbcConsentStore) store).dialect()).isEqualTo(expectedDialect());
    }

    protected abstract JdbcDialect expectedDialect();

    /**
     * Two nodes (two store instances over one database) record a guardian-consent link's answers at
     * the same moment: the ids derived from the key collide in the event table, so exactly one
     * records and the other learns that the key was used.
     */
    @Test
    void recordOnceFromTwoNodesAtOnceRecordsOnce() throws Exception {
        Policy policy = PolicyLoader.loadResource("dev/consent4j/state/decisions-policy.yaml", getClass().getClassLoader());
        List<ConsentManager> nodes = List.of(ConsentManager.builder(policy, store).build(),
                ConsentManager.builder(policy, reopen()).build());
        SubjectId minor = SubjectId.customer("once-" + java.util.UUID.randomUUID());
        ChoiceRequest answers = ChoiceRequest.byGuardian(minor, java.util.Map.of(Topic.purpose("newsletter"), Action.GRANT,
                Topic.purpose("targeted-ads"), Action.DENY), Jurisdiction.JP, null);
        for (int round = 0; round < 5; round++) {
            String key = "link-" + round;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<Boolean>> recorded = new ArrayList<>();
                for (ConsentManager node : nodes) {
                    recorded.add(threads.submit(() -> {
                        start.await();
                        return node.recordOnce(key, answers).isPresent();
                    }));
                }
                assertThat(List.of(recorded.get(0).get(), recorded.get(1).get())).containsExactlyInAnyOrder(true, false);
            } finally {
                threads.shutdownNow();
            }
            assertThat(nodes.get(0).recordedOnce(minor, key)).isTrue();
            assertThat(nodes.get(1).recordOnce(key, answers)).isEmpty();
        }
        assertThat(store.events(minor)).hasSize(10);
        assertThat(nodes.get(0).recordedOnce(minor, "never-used")).isFalse();
        assertThat(store.verify(minor).valid()).isTrue();
    }

    @Test
    void tablePrefixIsChecked() {
        assertThatThrownBy(() -> JdbcConsentStore.builder(dataSource).tablePrefix("x; DROP TABLE y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tablePrefix");
    }

    @Test
    void anAudienceOfCustomersTheDatabaseSelectsIsTheAudienceOfThoseCustomersPassedIn() throws Exception {
        Policy policy = PolicyLoader.loadResource("dev/consent4j/state/decisions-policy.yaml", getClass().getClassLoader());
        ConsentManager consents = ConsentManager.builder(policy, store).build();
        String table = PREFIX + "customer";
        List<SubjectId> everyone = new ArrayList<>();
        List<SubjectId> north = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("CREATE TABLE " + table + " (id VARCHAR(64) NOT NULL PRIMARY KEY, region VARCHAR(8) NOT NULL)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (id, region) VALUES (?, ?)")) {
                for (int i = 0; i < 60; i++) {
                    insert.setString(1, "cust-" + i);
                    insert.setString(2, i % 3 == 0 ? "north" : "south");
                    insert.executeUpdate();
                    everyone.add(SubjectId.customer("cust-" + i));
                    if (i % 3 == 0) {
                        north.add(SubjectId.customer("cust-" + i));
                    }
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        Random random = new Random(20261201);
        List<Topic> topics = List.of(Topic.contact("catalogue", "post"), Topic.purpose("catalogue"), Topic.contact("newsletter", "email"),
                Topic.purpose("data-sale"), Topic.purpose("targeted-ads"), Topic.category("advertising"));
        Action[] actions = {Action.GRANT, Action.DENY, Action.WITHDRAW, Action.OBJECT};
        // Choices for most customers in the table, and for one who is not in it.
        for (int i = 0; i <= 60; i++) {
            SubjectId customer = SubjectId.customer(i == 60 ? "not-a-customer" : "cust-" + i);
            for (int n = random.nextInt(4); n > 0; n--) {
                consents.record(ChoiceRequest.of(customer, topics.get(random.nextInt(topics.size())),
                        actions[random.nextInt(actions.length)], Source.API, Jurisdiction.JP));
            }
        }

        for (String[] question : new String[][] {{"catalogue", "post", "JP"}, {"catalogue", "post", "FR"}, {"catalogue", null, "JP"},
                {"newsletter", "email", "JP"}, {"data-sale", null, "US-CA"}, {"targeted-ads", null, "JP"}}) {
            Jurisdiction jurisdiction = Jurisdiction.of(question[2]);
            List<SubjectId> fromTable = consents.audience(CustomerQuery.table(table, "id"), question[0], question[1], jurisdiction);
            List<SubjectId> fromQuery = consents.audience(CustomerQuery.select("SELECT id FROM " + table + " WHERE region = 'north'", "id"),
                    question[0], question[1], jurisdiction);

            assertThat(fromTable).as(String.join(" ", Arrays.asList(question)))
                    .containsExactlyInAnyOrderElementsOf(consents.audience(everyone, question[0], question[1], jurisdiction));
            assertThat(fromQuery).as(String.join(" ", Arrays.asList(question)))
                    .containsExactlyInAnyOrderElementsOf(consents.audience(north, question[0], question[1], jurisdiction));
        }
    }
}
