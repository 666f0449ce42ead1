package io.statefun.sdk.egress;

import com.google.protobuf.ByteString;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.Type;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.egress.generated.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds a message for a Kafka egress: a {@code KafkaProducerRecord} (topic, optional key, value
 * bytes) carried as type {@value #RECORD_TYPE_NAME}, byte-compatible with StateFun 3.x.
 *
 * <pre>{@code
 * context.send(KafkaEgressMessage.forEgress(TypeName.parse("example/greets"))
 *     .withTopic("greetings")
 *     .withUtf8Key("alice")
 *     .withUtf8Value("Hello alice")
 *     .build());
 * }</pre>
 */
public final class KafkaEgressMessage {
  /** The type name of the record, as the Kafka egress expects it. */
  public static final String RECORD_TYPE_NAME =
      "type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord";

  private static final TypeName RECORD_TYPE = TypeName.parse(RECORD_TYPE_NAME);

  private KafkaEgressMessage() {}

  public static Builder forEgress(TypeName egress) {
    return new Builder(Objects.requireNonNull(egress, "egress"));
  }

  /** Builds the record; a topic and a value are required, the key is optional. */
  public static final class Builder {
    private final TypeName egress;
    private final KafkaProducerRecord.Builder record = KafkaProducerRecord.newBuilder();
    private boolean hasValue;

    private Builder(TypeName egress) {
      this.egress = egress;
    }

    public Builder withTopic(String topic) {
      record.setTopic(Objects.requireNonNull(topic, "topic"));
      return this;
    }

    /** The record key, as its UTF-8 bytes. */
    public Builder withUtf8Key(String key) {
      record.setKey(Objects.requireNonNull(key, "key"));
      return this;
    }

    /** The record value, as the UTF-8 bytes of {@code value} (not a wrapped string type). */
    public Builder withUtf8Value(String value) {
      return withValue(Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8));
    }

    /** The record value's bytes, as they are. */
    public Builder withValue(byte[] value) {
      record.setValueBytes(ByteString.copyFrom(Objects.requireNonNull(value, "value")));
      hasValue = true;
      return this;
    }

    /** The record value, serialized with {@code type}. */
    public <T> Builder withValue(Type<T> type, T value) {
      return withValue(type.serialize(value));
    }

    public EgressMessage build() {
      if (record.getTopic().isEmpty()) {
        throw new IllegalStateException("A Kafka record for egress " + egress + " needs a topic");
      }
      if (!hasValue) {
        throw new IllegalStateException("A Kafka record for egress " + egress + " needs a value");
      }
      return new EgressMessage(egress, new TypedValue(RECORD_TYPE, record.build().toByteArray()));
    }
  }
}
