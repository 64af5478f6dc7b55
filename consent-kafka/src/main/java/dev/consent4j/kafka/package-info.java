/** Consent changes to Apache Kafka: {@link dev.consent4j.kafka.KafkaSink}, an outbox sink. */
@NullMarked
package dev.consent4j.kafka;

import org.jspecify.annotations.NullMarked;
