/** Consent changes to Apache Kafka: {@link dev.consent4j.kafka.KafkaSink}, an outbox sink. */
package dev.consent4j.kafka;
