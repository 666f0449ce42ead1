package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statefun.kafka.KafkaEgressSerializer;
import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The whole application on a local Flink cluster in this JVM: the module ServiceLoader finds and
 * module.yaml, with the Kafka ingress replaced by a list of names and the egress by a collector.
 */
class GreeterHarnessTest {
  private static final TypeName NAMES = TypeName.parse("${groupId}/names");

  @Test
  void everyNameIsGreetedWithItsCount() throws Exception {
    List<Message> names = new ArrayList<>();
    for (String name : List.of("alice", "bob", "alice")) {
      names.add(MessageBuilder.forAddress(Greeter.TYPE, name).withValue(name).build());
    }
    ConcurrentLinkedQueue<String> greetings = new ConcurrentLinkedQueue<>();
    CountDownLatch allGreeted = new CountDownLatch(3);
    Path moduleYaml = Path.of("src/main/resources/module.yaml");
    try (RunningApplication app =
        new Harness()
            .withModuleYaml(moduleYaml.toString(), Files.readString(moduleYaml))
            .withIngress(NAMES, names)
            .withEgress(
                Greeter.GREETINGS,
                value -> {
                  greetings.add(recordValue(value));
                  allGreeted.countDown();
                })
            .withParallelism(2)
            .start()) {
      allGreeted.await(1, TimeUnit.MINUTES); // greetings come after the checkpoint
    }
    Set<String> expected =
        Set.of(
            "Hello alice, you are visitor #1",
            "Hello alice, you are visitor #2",
            "Hello bob, you are visitor #1");
    assertEquals(new TreeSet<>(expected), new TreeSet<>(greetings));
  }

  /** The value of the Kafka record a greeting becomes. */
  private static String recordValue(TypedValue greeting) {
    try {
      byte[] value = KafkaEgressSerializer.producerRecords().serialize(greeting).value();
      return new String(value, StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
