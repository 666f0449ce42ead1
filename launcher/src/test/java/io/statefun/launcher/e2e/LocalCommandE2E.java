package io.statefun.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
 * process, against a real broker; SIGTERM cancels the job and the process exits.
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

    try (StatefunProcess local =
        distribution.start(
            work.resolve("local.log"),
            "local",
            "-p",
            "2",
            "--state-dir",
            work.resolve("state").toString(),
            "-D",
            "rest.port=" + Distribution.freePort(),
            "-D",
            "statefun.module.global-config.kafka-address=" + KAFKA.bootstrapServers())) {
      List<Map.Entry<String, String>> names = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        String name = "name-" + (i % 3);
        names.add(Map.entry(name, name));
      }
      KafkaTestClients.produceStrings(KAFKA.bootstrapServers(), "names", names);

      List<ConsumerRecord<byte[], byte[]>> greetings =
          KafkaTestClients.readCommitted(KAFKA.bootstrapServers(), "greetings", 60, LIMIT);

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
            for (int n = 1; n <= 20; n++) {
              expected.add("Hello " + name + ", you are visitor #" + n);
            }
            assertThat(lines).as(name).containsExactlyInAnyOrderElementsOf(expected);
          });

      assertThat(local.terminate(LIMIT))
          .as("exit code after SIGTERM; log:\n" + local.output())
          .isEqualTo(MasterWorkerE2E.SIGTERM_EXIT);
      assertThat(local.output()).contains("Stopping: cancelling job");
    }
  }
}
