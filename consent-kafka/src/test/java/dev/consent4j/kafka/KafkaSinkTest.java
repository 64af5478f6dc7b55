package dev.consent4j.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.Action;
import dev.consent4j.event.SubjectId;
import dev.consent4j.outbox.OutboxDispatcher;
import dev.consent4j.outbox.OutboxFixtures;
import dev.consent4j.outbox.OutboxJson;
import dev.consent4j.outbox.OutboxMessage;
import dev.consent4j.outbox.OutboxStore;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.memory.InMemoryConsentStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A round trip through a real KRaft broker started by the test: outbox → dispatcher → KafkaSink → consumer. */
class KafkaSinkTest {

    @TempDir
    Path directory;

    @Test
    void everyChangeArrivesKeyedBySubjectInOrderPerSubjectWithItsIdempotencyKey() throws Exception {
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).setBaseDirectory(directory).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1").build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("consent-changes", 3, (short) 1))).all().get();
            }
            ConsentStore store = new InMemoryConsentStore(OutboxFixtures.changes(Clock.systemUTC()));
            OutboxStore outbox = store.outbox().orElseThrow();
            List<SubjectId> subjects = List.of(SubjectId.customer("a"), SubjectId.customer("b"), SubjectId.customer("c"));
            for (int i = 0; i < 6; i++) {
                for (SubjectId subject : subjects) {
                    store.append(List.of(OutboxFixtures.choice(subject, i % 2 == 0 ? Action.GRANT : Action.WITHDRAW, Instant.now())));
                }
            }
            try (KafkaSink sink = KafkaSink.builder("consent-changes", Map.of("bootstrap.servers", cluster.bootstrapServers()))
                    .sendTimeout(Duration.ofSeconds(60)).build()) {
                OutboxDispatcher dispatcher = OutboxDispatcher.builder(outbox).sink(sink).build();
                while (dispatcher.poll().claimed() > 0) {
                    // until every message is out
                }
            }
            assertThat(outbox.stats().pending()).isZero();

            Properties settings = new Properties();
            settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            Map<String, List<String>> keysBySubject = new LinkedHashMap<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = List.of(new TopicPartition("consent-changes", 0),
                        new TopicPartition("consent-changes", 1), new TopicPartition("consent-changes", 2));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                int received = 0;
                for (int polls = 0; polls < 60 && received < 18; polls++) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                        received++;
                        String key = new String(record.headers().lastHeader("Idempotency-Key").value(), StandardCharsets.UTF_8);
                        assertThat(OutboxJson.readEntry(record.value()).subject().toString()).isEqualTo(record.key());
                        assertThat(OutboxJson.readEntry(record.value()).key()).isEqualTo(key);
                        keysBySubject.computeIfAbsent(record.key(), s -> new ArrayList<>()).add(key);
                    }
                }
            }
            for (SubjectId subject : subjects) {
                assertThat(keysBySubject.get(subject.toString()))
                        .containsExactlyElementsOf(outbox.messagesAbout(subject).stream().map(OutboxMessage::key).toList());
            }
        }
    }

    @Test
    void settingsWithoutBootstrapServersOrTopicAreRefused() {
        assertThatThrownBy(() -> KafkaSink.builder("t", Map.of())).hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> KafkaSink.builder(" ", Map.of("bootstrap.servers", "x:1"))).hasMessageContaining("topic");
    }
}
