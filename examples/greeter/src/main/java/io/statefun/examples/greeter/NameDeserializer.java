package io.statefun.examples.greeter;

import io.statefun.kafka.KafkaIngressDeserializer;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record of topic {@code names} is a visit of the name in its key (UTF-8): a message to the
 * greeter of that name. A record without a key is a bad record (skipped with a WARN by default).
 */
final class NameDeserializer implements KafkaIngressDeserializer<Message> {
  private static final long serialVersionUID = 1L;

  @Override
  public Message deserialize(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() == null || record.key().length == 0) {
      throw new IllegalArgumentException("a record of topic names needs the name as its key");
    }
    String name = new String(record.key(), StandardCharsets.UTF_8);
    return MessageBuilder.forAddress(Greeter.TYPE, name).withValue(name).build();
  }
}
