package io.statefun.kafka;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a Kafka egress writes:
 *
 * <ul>
 *   <li>{@link #exactlyOnce(Duration)}: in Kafka transactions committed with Flink's checkpoints,
 *       so {@code read_committed} consumers see each record once, after the checkpoint that made it
 *       durable. The transaction timeout must not exceed the broker's {@code
 *       transaction.max.timeout.ms} (15 minutes by default), which is also the default here;
 *   <li>{@link #atLeastOnce()} (the default of a Kafka egress): flushed on every checkpoint; a
 *       restore may write some records again;
 *   <li>{@link #none()}: fire and forget.
 * </ul>
 */
public final class KafkaEgressDeliverySemantic implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Kafka's default {@code transaction.max.timeout.ms}. */
  public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

  /** The kinds of semantic. */
  public enum Kind {
    EXACTLY_ONCE,
    AT_LEAST_ONCE,
    NONE
  }

  private final Kind kind;
  private final Duration transactionTimeout;

  private KafkaEgressDeliverySemantic(Kind kind, Duration transactionTimeout) {
    this.kind = kind;
    this.transactionTimeout = transactionTimeout;
  }

  public static KafkaEgressDeliverySemantic exactlyOnce() {
    return exactlyOnce(DEFAULT_TRANSACTION_TIMEOUT);
  }

  public static KafkaEgressDeliverySemantic exactlyOnce(Duration transactionTimeout) {
    Objects.requireNonNull(transactionTimeout, "transactionTimeout");
    if (transactionTimeout.isNegative() || transactionTimeout.isZero()) {
      throw new IllegalArgumentException(
          "The transaction timeout must be positive, got " + transactionTimeout);
    }
    return new KafkaEgressDeliverySemantic(Kind.EXACTLY_ONCE, transactionTimeout);
  }

  public static KafkaEgressDeliverySemantic atLeastOnce() {
    return new KafkaEgressDeliverySemantic(Kind.AT_LEAST_ONCE, null);
  }

  public static KafkaEgressDeliverySemantic none() {
    return new KafkaEgressDeliverySemantic(Kind.NONE, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The transaction timeout of {@link Kind#EXACTLY_ONCE}; null otherwise. */
  public Duration transactionTimeout() {
    return transactionTimeout;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaEgressDeliverySemantic other
        && kind == other.kind
        && Objects.equals(transactionTimeout, other.transactionTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, transactionTimeout);
  }

  @Override
  public String toString() {
    return kind == Kind.EXACTLY_ONCE
        ? "exactly-once (transaction timeout " + transactionTimeout + ")"
        : kind.name().toLowerCase().replace('_', '-');
  }
}
