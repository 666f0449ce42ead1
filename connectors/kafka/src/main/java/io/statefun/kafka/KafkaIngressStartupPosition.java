package io.statefun.kafka;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a Kafka ingress starts reading when the application starts without a checkpoint or
 * savepoint (after a restore it always continues from the restored offsets).
 *
 * <pre>{@code
 * KafkaIngressStartupPosition.fromSpecificOffsets(Map.of(new TopicPartition("names", 0), 91L))
 * }</pre>
 */
public final class KafkaIngressStartupPosition implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of position. */
  public enum Kind {
    /** The offsets the consumer group committed; needs a group id. */
    GROUP_OFFSETS,
    EARLIEST,
    LATEST,
    /** Given offsets per partition; the auto-reset position for the others. */
    SPECIFIC_OFFSETS,
    /** The first record of every partition whose timestamp is at or after a date. */
    DATE
  }

  private final Kind kind;
  private final Map<TopicPartition, Long> specificOffsets;
  private final Instant date;

  private KafkaIngressStartupPosition(
      Kind kind, Map<TopicPartition, Long> specificOffsets, Instant date) {
    this.kind = kind;
    this.specificOffsets = specificOffsets;
    this.date = date;
  }

  public static KafkaIngressStartupPosition fromGroupOffsets() {
    return new KafkaIngressStartupPosition(Kind.GROUP_OFFSETS, Map.of(), null);
  }

  public static KafkaIngressStartupPosition fromEarliest() {
    return new KafkaIngressStartupPosition(Kind.EARLIEST, Map.of(), null);
  }

  public static KafkaIngressStartupPosition fromLatest() {
    return new KafkaIngressStartupPosition(Kind.LATEST, Map.of(), null);
  }

  public static KafkaIngressStartupPosition fromSpecificOffsets(Map<TopicPartition, Long> offsets) {
    Objects.requireNonNull(offsets, "offsets");
    if (offsets.isEmpty()) {
      throw new IllegalArgumentException("Specific offsets need at least one partition");
    }
    offsets.forEach(
        (partition, offset) -> {
          if (offset == null || offset < 0) {
            throw new IllegalArgumentException(
                "The offset of " + partition + " must be 0 or more, got " + offset);
          }
        });
    return new KafkaIngressStartupPosition(
        Kind.SPECIFIC_OFFSETS,
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(offsets)),
        null);
  }

  public static KafkaIngressStartupPosition fromDate(Instant date) {
    return new KafkaIngressStartupPosition(
        Kind.DATE, Map.of(), Objects.requireNonNull(date, "date"));
  }

  public Kind kind() {
    return kind;
  }

  /** The offsets of {@link Kind#SPECIFIC_OFFSETS}; empty otherwise. */
  public Map<TopicPartition, Long> specificOffsets() {
    return specificOffsets;
  }

  /** The date of {@link Kind#DATE}; null otherwise. */
  public Instant date() {
    return date;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaIngressStartupPosition other
        && kind == other.kind
        && specificOffsets.equals(other.specificOffsets)
        && Objects.equals(date, other.date);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, specificOffsets, date);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case SPECIFIC_OFFSETS -> "specific-offsets " + specificOffsets;
      case DATE -> "date " + date;
      default -> kind.name().toLowerCase().replace('_', '-');
    };
  }
}
