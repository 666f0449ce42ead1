package io.statefun.kafka;

import io.statefun.sdk.TypeName;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A topic whose records go straight to functions, as the {@code topics} of an {@code
 * io.statefun.kafka.v1/ingress} do: the record key (UTF-8) is the function id, the value bytes
 * travel unchanged as a typed value of {@code valueType}, and every target function type gets the
 * message. A record without a key is a bad record; so is a value that does not decode when {@code
 * valueType} is a built-in {@code io.statefun.types/*} type.
 */
public record KafkaRoutableTopic(String topic, TypeName valueType, List<TypeName> targets)
    implements Serializable {

  public KafkaRoutableTopic {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(targets, "targets");
    if (topic.isBlank()) {
      throw new IllegalArgumentException("A routable topic needs a topic name");
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException(
          "Topic " + topic + " needs at least one target function type");
    }
    targets = List.copyOf(targets);
  }
}
