package dev.consent4j.kafka;

import dev.consent4j.outbox.OutboxJson;
import dev.consent4j.outbox.OutboxMessage;
import dev.consent4j.outbox.OutboxSink;
import dev.consent4j.outbox.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes each outbox message to a Kafka topic: the key is the subject (so one subject's changes
 * land in one partition, in order), the value the message's JSON ({@link OutboxJson#message}), and
 * the header {@code Idempotency-Key} its key. A delivery returns once the broker has acknowledged
 * the record ({@code acks=all} and idempotence unless the shop's settings say otherwise).
 *
 * <pre>{@code
 * KafkaSink sink = KafkaSink.builder("consent-changes", Map.of("bootstrap.servers", "kafka:9092")).build();
 * }</pre>
 */
public final class KafkaSink implements OutboxSink, AutoCloseable {

    private final String topic;
    private final Producer<String, String> producer;
    private final Duration sendTimeout;

    KafkaSink(String topic, Producer<String, String> producer, Duration sendTimeout) {
        this.topic = topic;
        this.producer = producer;
        this.sendTimeout = sendTimeout;
    }

    /**
     * @param topic    where to publish
     * @param settings the shop's producer settings ({@code bootstrap.servers} at least); serializers are
     *                 always strings
     */
    public static Builder builder(String topic, Map<String, Object> settings) {
        return new Builder(topic, settings);
    }

    @Override
    public String name() {
        return "kafka:" + topic;
    }

    @Override
    public void deliver(OutboxMessage message) throws InterruptedException, ExecutionException, TimeoutException {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, message.entry().subject().toString(),
                OutboxJson.message(message));
        record.headers().add(WebhookSignature.IDEMPOTENCY_KEY, message.key().getBytes(StandardCharsets.UTF_8));
        producer.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Options of a {@link KafkaSink}. */
    public static final class Builder {
        private final String topic;
        private final Map<String, Object> settings;
        private Duration sendTimeout = Duration.ofSeconds(30);

        private Builder(String topic, Map<String, Object> settings) {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("a Kafka topic is needed, but was '" + topic + "'");
            }
            this.topic = topic;
            this.settings = new HashMap<>(Objects.requireNonNull(settings, "settings"));
            if (!this.settings.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                throw new IllegalArgumentException("the Kafka producer settings need bootstrap.servers");
            }
        }

        /** How long a delivery waits for the broker's acknowledgement (default 30 s). */
        public Builder sendTimeout(Duration sendTimeout) {
            if (sendTimeout == null || sendTimeout.isNegative() || sendTimeout.isZero()) {
                throw new IllegalArgumentException("sendTimeout must be positive, but was " + sendTimeout);
            }
            this.sendTimeout = sendTimeout;
            return this;
        }

        public KafkaSink build() {
            Map<String, Object> config = new HashMap<>(settings);
            config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
            config.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            return new KafkaSink(topic, new KafkaProducer<>(config), sendTimeout);
        }
    }
}
