package io.statefun.kafka.it;

import io.statefun.kafka.KafkaIngressBuilder;
import io.statefun.kafka.KafkaIngressStartupPosition;
import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Two recording functions, {@code test/recorder-a} and {@code test/recorder-b}: each reports every
 * message it gets to egress {@code test/seen} as {@code <function>|<id>|<value type>|<value>} (the
 * value decoded when it is a built-in string, else read as UTF-8).
 *
 * <p>With global configuration {@code java-ingress.topic} it also binds a Kafka ingress {@code
 * test/java} built with the Java builder (from {@code java-ingress.*} keys), whose deserializer
 * sends the record value as a string to {@code test/recorder-a} with the record key as id, and
 * throws on a record without a key.
 */
public final class RecorderModule implements StatefulFunctionModule {
  static final TypeName RECORDER_A = TypeName.parse("test/recorder-a");
  static final TypeName RECORDER_B = TypeName.parse("test/recorder-b");
  static final TypeName SEEN = TypeName.parse("test/seen");
  static final TypeName JAVA_INGRESS = TypeName.parse("test/java");

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindFunction(recorder(RECORDER_A));
    binder.bindFunction(recorder(RECORDER_B));
    String topic = globalConfiguration.get("java-ingress.topic");
    if (topic != null) {
      binder.bindIngress(
          KafkaIngressBuilder.<Message>forIdentifier(JAVA_INGRESS)
              .withKafkaAddress(globalConfiguration.get("java-ingress.address"))
              .withTopic(topic)
              .withStartupPosition(KafkaIngressStartupPosition.fromEarliest())
              .withDeserializer(
                  record -> {
                    if (record.key() == null) {
                      throw new IllegalArgumentException("no key");
                    }
                    return MessageBuilder.forAddress(
                            RECORDER_A, new String(record.key(), StandardCharsets.UTF_8))
                        .withValue(new String(record.value(), StandardCharsets.UTF_8))
                        .build();
                  })
              .build());
    }
  }

  private static StatefulFunctionSpec recorder(TypeName type) {
    return StatefulFunctionSpec.builder(type)
        .withSupplier(
            () ->
                (context, message) -> {
                  String value =
                      message.isString()
                          ? message.asString()
                          : new String(message.payload().value(), StandardCharsets.UTF_8);
                  context.send(
                      EgressMessageBuilder.forEgress(SEEN)
                          .withValue(
                              type.name()
                                  + "|"
                                  + context.self().id()
                                  + "|"
                                  + message.valueTypeName()
                                  + "|"
                                  + value)
                          .build());
                  return context.done();
                })
        .build();
  }
}
