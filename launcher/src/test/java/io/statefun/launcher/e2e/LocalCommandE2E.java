package io.statefun.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.kafka.testing.KafkaTestClients;
import io.statefun.launcher.e2e.Distribution.StatefunProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code statefun local}: the greeter on a Flink cluster inside the one {@code bin/statefun}
 * process, against a real broker, checkpointing every second; SIGTERM cancels the job and the
 * process exits; started again with the same state folder, it resumes where it was.
 */
class LocalCommandE2E {
  private static final Duration LIMIT = Duration.ofMinutes(3);

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path work;

  @Test
  void localRunsTheGreeterAtParallelismTwoAndExitsOnSigterm() throws Exception {
    KAFKA.broker().createTopic("names", 2);
    KAFKA.broker().createTopic("greetings", 2);
    Distribution distribution = Distribution.layOut(work);

    int restPort = Distribution.freePort();
    try (StatefunProcess local = startLocal(distribution, restPort, "local.log")) {
      produceRounds(20);
      assertGreetings(20);

      // the documented 1 s, not the 10 s of master and workers (no interval set anywhere)
      MasterRest rest = new MasterRest(restPort);
      JsonNode config = rest.get("/jobs/" + rest.runningJob(LIMIT) + "/checkpoints/config");
      assertThat(config.path("interval").asLong()).as("checkpoint interval, ms").isEqualTo(1000);

      assertThat(local.terminate(LIMIT))
          .as("exit code after SIGTERM; log:\n" + local.output())
          .isEqualTo(MasterWorkerE2E.SIGTERM_EXIT);
      assertThat(local.output()).contains("Stopping: cancelling job");
    }

    // started again with the same --state-dir: resumes from the cancelled job's last checkpoint
    try (StatefunProcess local = startLocal(distribution, restPort, "local-again.log")) {
      produceRounds(1);
      assertGreetings(21);
      assertThat(local.output()).contains("resuming from its newest checkpoint");
    }
  }

  private StatefunProcess startLocal(Distribution distribution, int restPort, String log)
      throws Exception {
    return distribution.start(
        work.resolve(log),
        "local",
        "-p",
        "2",
        "--state-dir",
        work.resolve("state").toString(),
        "-D",
        "rest.port=" + restPort,
        "-D",
        "statefun.module.global-config.kafka-address=" + KAFKA.bootstrapServers());
  }

  /** Each of three names {@code rounds} more times. */
  private static void produceRounds(int rounds) throws Exception {
    List<Map.Entry<String, String>> names = new ArrayList<>();
    for (int i = 0; i < 3 * rounds; i++) {
      String name = "name-" + (i % 3);
      names.add(Map.entry(name, name));
    }
    KafkaTestClients.produceStrings(KAFKA.bootstrapServers(), "names", names);
  }

  /** Each of the three names greeted as visitor #1..#visits, each exactly once. */
  private static void assertGreetings(int visits) {
    List<ConsumerRecord<byte[], byte[]>> greetings =
        KafkaTestClients.readCommitted(KAFKA.bootstrapServers(), "greetings", 3 * visits, LIMIT);

    Map<String, List<String>> byName = new TreeMap<>();
    greetings.forEach(
        g ->
            byName
                .computeIfAbsent(KafkaTestClients.key(g), k -> new ArrayList<>())
                .add(KafkaTestClients.value(g)));
    assertThat(byName).containsOnlyKeys("name-0", "name-1", "name-2");
    byName.forEach(
        (name, lines) -> {
          List<String> expected = new ArrayList<>();
          for (int n = 1; n <= visits; n++) {
            expected.add("Hello " + name + ", you are visitor #" + n);
          }
          assertThat(lines).as(name).containsExactlyInAnyOrderElementsOf(expected);
        });
  }
}
