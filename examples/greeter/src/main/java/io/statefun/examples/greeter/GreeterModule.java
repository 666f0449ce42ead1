package io.statefun.examples.greeter;

import io.statefun.http.HttpIngressBuilder;
import io.statefun.kafka.KafkaEgressBuilder;
import io.statefun.kafka.KafkaIngressAutoResetPosition;
import io.statefun.kafka.KafkaIngressBuilder;
import io.statefun.kafka.KafkaIngressStartupPosition;
import io.statefun.sdk.Message;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;

/**
 * Binds the greeter: ingress {@code example/names} (Kafka topic {@code names}, the key is the name)
 * → function {@code example/greeter} → egress {@code example/greetings} (Kafka topic {@code
 * greetings}, exactly once).
 *
 * <p>The Kafka address comes from the global configuration key {@code kafka-address} (set it with
 * {@code -D statefun.module.global-config.kafka-address=HOST:PORT}), default {@code kafka:9092}, so
 * the same jar runs locally and in Docker.
 *
 * <p>With the global configuration key {@code http-port} ({@code -D
 * statefun.module.global-config.http-port=8090}), it also binds the HTTP ingress {@code
 * example/http} on that port, so that {@code curl -d alice
 * http://127.0.0.1:8090/example/greeter/alice} returns the greeting. It binds {@code
 * $STATEFUN_BIND_HOST} (the image's workers: {@code 0.0.0.0}), else {@code 127.0.0.1}. Without the
 * key no port is opened.
 */
public final class GreeterModule implements StatefulFunctionModule {
  public static final String KAFKA_ADDRESS = "kafka-address";
  public static final String DEFAULT_KAFKA_ADDRESS = "kafka:9092";
  public static final String HTTP_PORT = "http-port";

  public static final TypeName NAMES = TypeName.parse("example/names");
  public static final TypeName GREETINGS = TypeName.parse("example/greetings");
  public static final TypeName HTTP = TypeName.parse("example/http");
  public static final String NAMES_TOPIC = "names";
  public static final String GREETINGS_TOPIC = "greetings";

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    String kafkaAddress = globalConfiguration.getOrDefault(KAFKA_ADDRESS, DEFAULT_KAFKA_ADDRESS);
    binder.bindIngress(
        KafkaIngressBuilder.<Message>forIdentifier(NAMES)
            .withKafkaAddress(kafkaAddress)
            .withTopic(NAMES_TOPIC)
            .withConsumerGroupId("greeter")
            // the group's committed offsets; the whole topic the first time
            .withStartupPosition(KafkaIngressStartupPosition.fromGroupOffsets())
            .withAutoResetPosition(KafkaIngressAutoResetPosition.EARLIEST)
            .withDeserializer(new NameDeserializer())
            .build());
    String httpPort = globalConfiguration.get(HTTP_PORT);
    if (httpPort != null) {
      binder.bindIngress(
          HttpIngressBuilder.forIdentifier(HTTP)
              .withPort(port(httpPort))
              .withTarget(Greeter.TYPE.canonical())
              .build());
    }
    binder.bindFunction(Greeter.SPEC);
    binder.bindEgress(
        KafkaEgressBuilder.forIdentifier(GREETINGS)
            .withKafkaAddress(kafkaAddress)
            .withExactlyOnceProducerSemantics(java.time.Duration.ofMinutes(15))
            .build());
  }

  private static int port(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "global configuration " + HTTP_PORT + " must be a port number, got '" + value + "'", e);
    }
  }
}
