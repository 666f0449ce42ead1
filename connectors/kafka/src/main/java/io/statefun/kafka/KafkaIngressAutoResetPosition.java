package io.statefun.kafka;

/**
 * Where an ingress starts reading a partition for which its startup position has no offset (no
 * committed offset of the group, a partition missing from specific offsets, an offset out of
 * range): Kafka's {@code auto.offset.reset}.
 */
public enum KafkaIngressAutoResetPosition {
  EARLIEST,
  LATEST
}
