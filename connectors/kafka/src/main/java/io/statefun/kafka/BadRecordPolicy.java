package io.statefun.kafka;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a Kafka ingress does with a record it cannot turn into messages (no key where the key is the
 * function id, a value that does not decode, a deserializer that throws):
 *
 * <ul>
 *   <li>{@link #skip()} (the default): log a WARN naming the ingress, topic, partition, offset and
 *       reason, count it in the {@code statefun.badRecordsSkipped} metric of the source, and go on;
 *   <li>{@link #deadLetter(String)}: write the record (key, value, headers, plus headers saying
 *       where it came from and why) to a topic, count it in {@code
 *       statefun.badRecordsDeadLettered}, and go on;
 *   <li>{@link #fail()}: fail the job with an error naming the record (it restarts from the last
 *       checkpoint and meets the record again, so this stops the application until the record is
 *       dealt with).
 * </ul>
 *
 * A bad record is never dropped without a trace. Dead letters are written at least once: after a
 * restore, a record may be dead-lettered again.
 *
 * <pre>{@code
 * KafkaIngressBuilder.forIdentifier(NAMES)...withBadRecordPolicy(BadRecordPolicy.deadLetter("names-dead-letters"))
 * }</pre>
 */
public final class BadRecordPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of policy. */
  public enum Kind {
    FAIL,
    SKIP,
    DEAD_LETTER
  }

  private static final BadRecordPolicy FAIL = new BadRecordPolicy(Kind.FAIL, null);
  private static final BadRecordPolicy SKIP = new BadRecordPolicy(Kind.SKIP, null);

  private final Kind kind;
  private final String deadLetterTopic;

  private BadRecordPolicy(Kind kind, String deadLetterTopic) {
    this.kind = kind;
    this.deadLetterTopic = deadLetterTopic;
  }

  public static BadRecordPolicy fail() {
    return FAIL;
  }

  public static BadRecordPolicy skip() {
    return SKIP;
  }

  /** Writes bad records to {@code topic} on the ingress's own Kafka cluster. */
  public static BadRecordPolicy deadLetter(String topic) {
    Objects.requireNonNull(topic, "topic");
    if (topic.isBlank()) {
      throw new IllegalArgumentException("A dead-letter policy needs a topic");
    }
    return new BadRecordPolicy(Kind.DEAD_LETTER, topic);
  }

  public Kind kind() {
    return kind;
  }

  /** The dead-letter topic; null unless the kind is {@link Kind#DEAD_LETTER}. */
  public String deadLetterTopic() {
    return deadLetterTopic;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BadRecordPolicy other
        && kind == other.kind
        && Objects.equals(deadLetterTopic, other.deadLetterTopic);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, deadLetterTopic);
  }

  @Override
  public String toString() {
    return kind == Kind.DEAD_LETTER
        ? "dead-letter to " + deadLetterTopic
        : kind.name().toLowerCase();
  }
}
