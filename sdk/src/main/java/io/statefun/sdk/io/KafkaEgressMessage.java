package io.statefun.sdk.io;

import com.google.protobuf.ByteString;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.Type;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import io.statefun.sdk.egress.generated.KafkaProducerRecord;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link EgressMessage} for a Kafka egress: a {@code KafkaProducerRecord} with topic, key
 * and value, the same record the StateFun SDKs send, so an egress reads it whichever SDK sent it.
 * Part of the SDK so that embedded functions and remote function services (which have no Flink or
 * Kafka on their class path) build the record the same way.
 *
 * <pre>{@code
 * context.send(KafkaEgressMessage.forEgress(GREETINGS)
 *     .withTopic("greetings")
 *     .withUtf8Key("alice")
 *     .withUtf8Value("Hello alice, you are visitor #3")
 *     .build());
 * }</pre>
 */
public final class KafkaEgressMessage {
  /** The type of the values a Kafka egress reads by default. */
  public static final TypeName PRODUCER_RECORD_TYPE =
      TypeName.parse("type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord");

  private final TypeName egress;
  private @Nullable String topic;
  private String key = "";
  private @Nullable ByteString value;

  private KafkaEgressMessage(TypeName egress) {
    this.egress = Objects.requireNonNull(egress, "egress");
  }

  /** Starts a message to the Kafka egress with id {@code egress}. */
  public static KafkaEgressMessage forEgress(TypeName egress) {
    return new KafkaEgressMessage(egress);
  }

  public KafkaEgressMessage withTopic(String topic) {
    Objects.requireNonNull(topic, "topic");
    if (topic.isEmpty()) {
      throw new IllegalArgumentException("A Kafka egress message needs a topic");
    }
    this.topic = topic;
    return this;
  }

  /** The record key, written as UTF-8; without a key (or with an empty one) the record has none. */
  public KafkaEgressMessage withUtf8Key(String key) {
    this.key = Objects.requireNonNull(key, "key");
    return this;
  }

  /** The record value, written as UTF-8 text. */
  public KafkaEgressMessage withUtf8Value(String value) {
    Objects.requireNonNull(value, "value");
    this.value = ByteString.copyFromUtf8(value);
    return this;
  }

  /** The record value as it is. */
  public KafkaEgressMessage withValue(byte[] value) {
    Objects.requireNonNull(value, "value");
    this.value = ByteString.copyFrom(value);
    return this;
  }

  /** The record value, serialized by {@code type} (e.g. {@link Types#LONG}). */
  public <T> KafkaEgressMessage withValue(Type<T> type, T value) {
    this.value = ByteString.copyFrom(type.serialize(value));
    return this;
  }

  public EgressMessage build() {
    if (topic == null) {
      throw new IllegalStateException("A message to Kafka egress " + egress + " needs a topic");
    }
    if (value == null) {
      throw new IllegalStateException("A message to Kafka egress " + egress + " needs a value");
    }
    KafkaProducerRecord record =
        KafkaProducerRecord.newBuilder().setTopic(topic).setKey(key).setValueBytes(value).build();
    return new EgressMessage(egress, new TypedValue(PRODUCER_RECORD_TYPE, record.toByteArray()));
  }
}
