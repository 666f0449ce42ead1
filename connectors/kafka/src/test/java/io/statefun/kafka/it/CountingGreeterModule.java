package io.statefun.kafka.it;

import io.statefun.kafka.KafkaEgressBuilder;
import io.statefun.kafka.KafkaIngressBuilder;
import io.statefun.kafka.KafkaIngressStartupPosition;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.io.KafkaEgressMessage;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A greeter that counts visits per name and writes {@code Hello <name>, you are visitor #<n>},
 * keyed by the name, through egress {@code test/greetings} to topic {@code greeter.out-topic}. With
 * {@code greeter.java-io=true} it binds its Kafka ingress (names as record keys from {@code
 * greeter.in-topic}) and an exactly-once egress with the Java builders; otherwise a module.yaml
 * provides them.
 *
 * <p>{@link #FAIL_COUNTDOWN} injects failures: when it passes zero, that invocation throws, so the
 * job restarts from its last checkpoint. It is static because the MiniCluster runs in the test's
 * JVM.
 */
public final class CountingGreeterModule implements StatefulFunctionModule {
  static final TypeName GREETER = TypeName.parse("test/greeter");
  static final TypeName NAMES = TypeName.parse("test/names");
  static final TypeName GREETINGS = TypeName.parse("test/greetings");
  static final AtomicInteger FAIL_COUNTDOWN = new AtomicInteger(-1);
  static final AtomicInteger INJECTED_FAILURES = new AtomicInteger();

  private static final ValueSpec<Integer> SEEN = ValueSpec.named("seen").withIntType();

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    String outTopic = globalConfiguration.get("greeter.out-topic");
    binder.bindFunction(
        StatefulFunctionSpec.builder(GREETER)
            .withValueSpec(SEEN)
            .withSupplier(
                () ->
                    (context, message) -> {
                      if (FAIL_COUNTDOWN.getAndDecrement() == 0) {
                        INJECTED_FAILURES.incrementAndGet();
                        throw new IllegalStateException(
                            "injected failure greeting " + context.self().id());
                      }
                      int seen = context.storage().get(SEEN).orElse(0) + 1;
                      context.storage().set(SEEN, seen);
                      String name = context.self().id();
                      context.send(
                          KafkaEgressMessage.forEgress(GREETINGS)
                              .withTopic(outTopic)
                              .withUtf8Key(name)
                              .withUtf8Value("Hello " + name + ", you are visitor #" + seen)
                              .build());
                      return context.done();
                    })
            .build());
    if ("true".equals(globalConfiguration.get("greeter.java-io"))) {
      String address = globalConfiguration.get("greeter.kafka-address");
      binder.bindIngress(
          KafkaIngressBuilder.<Message>forIdentifier(NAMES)
              .withKafkaAddress(address)
              .withTopic(globalConfiguration.get("greeter.in-topic"))
              .withStartupPosition(KafkaIngressStartupPosition.fromEarliest())
              .withDeserializer(
                  record ->
                      MessageBuilder.forAddress(
                              GREETER, new String(record.key(), StandardCharsets.UTF_8))
                          .withValue(new String(record.key(), StandardCharsets.UTF_8))
                          .build())
              .build());
      binder.bindEgress(
          KafkaEgressBuilder.forIdentifier(GREETINGS)
              .withKafkaAddress(address)
              .withExactlyOnceProducerSemantics(java.time.Duration.ofMinutes(1))
              .build());
    }
  }
}
