package io.statefun.examples.greeter;

import io.statefun.kafka.testing.EmbeddedKafkaBrokerMain;
import io.statefun.kafka.testing.KafkaTestClients;
import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The greeter on this machine, no Docker: starts a Kafka broker (KRaft, 127.0.0.1) as its own
 * process, runs the application in this JVM on a local Flink cluster (the harness, until the {@code
 * statefun} launcher exists), writes a few names to topic {@code names}, prints the greetings read
 * back from topic {@code greetings} with {@code read_committed}, and stops everything.
 *
 * <pre>
 * ./mvnw -q install -DskipTests &amp;&amp; ./mvnw -q -pl examples/greeter exec:exec
 * ./mvnw -q -pl examples/greeter exec:exec -Dgreeter.names="dora eve dora"
 * </pre>
 *
 * Arguments, optional: the names to send, separated by spaces or commas (default: alice bob alice
 * carol alice bob).
 */
public final class LocalGreeterDemo {
  private static final Duration BROKER_START_LIMIT = Duration.ofMinutes(2);
  private static final Duration GREETINGS_LIMIT = Duration.ofMinutes(2);

  private LocalGreeterDemo() {}

  public static void main(String[] args) throws Exception {
    List<String> names = new ArrayList<>();
    for (String arg : args) {
      Arrays.stream(arg.split("[\\s,]+")).filter(name -> !name.isBlank()).forEach(names::add);
    }
    if (names.isEmpty()) {
      names.addAll(List.of("alice", "bob", "alice", "carol", "alice", "bob"));
    }
    Process broker = startBroker();
    int exitCode = 1;
    try {
      String bootstrapServers = awaitBrokerAddress(broker);
      System.out.println(
          "Kafka broker (its own process, pid " + broker.pid() + ") is at " + bootstrapServers);
      exitCode = runGreeter(bootstrapServers, names);
    } finally {
      stopBroker(broker);
    }
    System.exit(exitCode);
  }

  private static int runGreeter(String bootstrapServers, List<String> names) throws Exception {
    try (RunningApplication app =
        new Harness()
            .withGlobalConfiguration(GreeterModule.KAFKA_ADDRESS, bootstrapServers)
            .withParallelism(2)
            .withConfiguration("rest.bind-port", "8081-8099")
            .withConfiguration("taskmanager.numberOfTaskSlots", "4")
            .start()) {
      System.out.println("The greeter application runs (Flink job " + app.jobId() + ")");

      List<Map.Entry<String, String>> records = new ArrayList<>();
      names.forEach(name -> records.add(Map.entry(name, name)));
      KafkaTestClients.produceStrings(bootstrapServers, GreeterModule.NAMES_TOPIC, records);
      System.out.println(
          "Sent " + names.size() + " names to topic " + GreeterModule.NAMES_TOPIC + ": " + names);

      List<ConsumerRecord<byte[], byte[]>> greetings =
          KafkaTestClients.readCommitted(
              bootstrapServers, GreeterModule.GREETINGS_TOPIC, names.size(), GREETINGS_LIMIT);
      System.out.println(
          "Greetings on topic " + GreeterModule.GREETINGS_TOPIC + " (read_committed):");
      for (ConsumerRecord<byte[], byte[]> greeting : greetings) {
        System.out.println(
            "  " + KafkaTestClients.key(greeting) + " -> " + KafkaTestClients.value(greeting));
      }
      if (greetings.size() != names.size()) {
        System.out.println("Expected " + names.size() + " greetings but read " + greetings.size());
        return 1;
      }
    }
    System.out.println("Stopped the application");
    return 0;
  }

  /** The broker, with this JVM's class path; its standard input is our pipe, so it dies with us. */
  private static Process startBroker() throws IOException {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            EmbeddedKafkaBrokerMain.class.getName(),
            "0",
            GreeterModule.NAMES_TOPIC + ":2",
            GreeterModule.GREETINGS_TOPIC + ":2")
        .redirectErrorStream(true)
        .start();
  }

  /** Reads the broker's output until its ready line; echoes what it says before. */
  private static String awaitBrokerAddress(Process broker) throws Exception {
    CompletableFuture<String> address = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith(EmbeddedKafkaBrokerMain.READY_PREFIX)) {
                    address.complete(
                        line.substring(EmbeddedKafkaBrokerMain.READY_PREFIX.length()).trim());
                  } else if (!line.isBlank()) {
                    System.out.println("[kafka] " + line);
                  }
                }
                address.completeExceptionally(
                    new IllegalStateException("The Kafka broker process ended"));
              } catch (IOException e) {
                address.completeExceptionally(e);
              }
            },
            "kafka-output");
    reader.setDaemon(true);
    reader.start();
    return address.get(BROKER_START_LIMIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static void stopBroker(Process broker) throws InterruptedException {
    try {
      broker.getOutputStream().close(); // end of its standard input: it shuts down
    } catch (IOException e) {
      // already gone
    }
    if (!broker.waitFor(30, TimeUnit.SECONDS)) {
      broker.destroy();
      broker.waitFor(10, TimeUnit.SECONDS);
    }
    System.out.println("Stopped the Kafka broker");
  }
}
