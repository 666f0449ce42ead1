package io.statefun.kafka.ingress;

import io.statefun.kafka.KafkaRoutableTopic;
import io.statefun.sdk.Address;
import io.statefun.sdk.Message;
import io.statefun.sdk.Type;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes records of routable topics as StateFun's YAML ingress does: the key (UTF-8) is the id of
 * every target, the value goes unchanged as a typed value of the topic's value type. Unlike
 * StateFun, a value labelled with a built-in type is checked here, so a raw payload mislabelled as
 * {@code io.statefun.types/string} is a bad record at the ingress instead of a failing function.
 */
final class RoutableTopicsDecoder implements RecordDecoder {
  private static final long serialVersionUID = 1L;

  private final Map<String, KafkaRoutableTopic> topics;

  RoutableTopicsDecoder(Map<String, KafkaRoutableTopic> topics) {
    this.topics = topics;
  }

  @Override
  public List<?> decode(ConsumerRecord<byte[], byte[]> record) throws BadRecordException {
    KafkaRoutableTopic topic = topics.get(record.topic());
    if (topic == null) {
      throw new BadRecordException(
          "topic " + record.topic() + " is not one of this ingress's topics");
    }
    if (record.key() == null) {
      throw new BadRecordException(
          "the record has no key, and the key is the id of the function it is for");
    }
    String id = new String(record.key(), StandardCharsets.UTF_8);
    byte[] value = record.value() == null ? new byte[0] : record.value();
    checkBuiltInEncoding(topic.valueType(), value);
    TypedValue payload = new TypedValue(topic.valueType(), value);
    List<Message> messages = new ArrayList<>(topic.targets().size());
    for (TypeName target : topic.targets()) {
      messages.add(new Message(new Address(target, id), payload));
    }
    return messages;
  }

  private static void checkBuiltInEncoding(TypeName valueType, byte[] value)
      throws BadRecordException {
    Type<?> builtIn = Types.builtIn(valueType);
    if (builtIn == null) {
      return;
    }
    try {
      builtIn.deserialize(value);
    } catch (RuntimeException e) {
      throw new BadRecordException(
          "the value ("
              + value.length
              + " bytes) is not an encoded "
              + valueType
              + "; raw bytes such as"
              + " plain UTF-8 text need a valueType of your own, e.g. example/Name",
          e);
    }
  }
}
