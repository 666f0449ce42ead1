package io.statefun.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.kafka.testing.KafkaTestClients;
import io.statefun.launcher.e2e.Distribution.StatefunProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The greeter on {@code statefun master} and {@code statefun worker} processes of one distribution,
 * against one broker: starts them, sends names and checks the greetings read back {@code
 * read_committed} against every name sent so far.
 */
final class GreeterCluster {
  static final Duration LIMIT = Duration.ofMinutes(3);
  private static final int DISTINCT_NAMES = 40;

  private final Distribution distribution;
  private final Path work;
  private final Path checkpoints;
  private final String bootstrapServers;
  private final Map<String, Integer> sent = new TreeMap<>();

  GreeterCluster(Distribution distribution, Path work, String bootstrapServers) {
    this.distribution = distribution;
    this.work = work;
    this.checkpoints = work.resolve("checkpoints");
    this.bootstrapServers = bootstrapServers;
  }

  /** A master's process and the ports it was told to use (a restart uses the same ones). */
  record Master(StatefunProcess process, int restPort, int rpcPort, int blobPort) {}

  /** A master on new ports, restoring {@code savepoint} unless it is null. */
  Master startMaster(int parallelism, Path savepoint, String log) throws Exception {
    return startMaster(
        parallelism,
        savepoint,
        log,
        Distribution.freePort(),
        Distribution.freePort(),
        Distribution.freePort());
  }

  /** The same command again, as a supervisor restarts a master that died. */
  Master restart(Master master, int parallelism, String log) throws Exception {
    return startMaster(
        parallelism, null, log, master.restPort(), master.rpcPort(), master.blobPort());
  }

  private Master startMaster(
      int parallelism, Path savepoint, String log, int rest, int rpc, int blob) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "master",
                "-p",
                String.valueOf(parallelism),
                "-D",
                "jobmanager.rpc.address=127.0.0.1",
                "-D",
                "jobmanager.bind-host=127.0.0.1",
                "-D",
                "jobmanager.rpc.port=" + rpc,
                "-D",
                "blob.server.port=" + blob,
                "-D",
                "rest.address=127.0.0.1",
                "-D",
                "rest.bind-address=127.0.0.1",
                "-D",
                "rest.port=" + rest,
                "-D",
                "execution.checkpointing.interval=500ms",
                "-D",
                "execution.checkpointing.dir=" + checkpoints.toUri(),
                "-D",
                "execution.checkpointing.savepoint-dir=" + work.resolve("savepoints").toUri(),
                "-D",
                "statefun.module.global-config.kafka-address=" + bootstrapServers,
                // tests follow checkpoints through REST, which caches their statistics for
                // web.refresh-interval (3 s) unless told otherwise
                "-D",
                "rest.cache.checkpoint-statistics.timeout=100ms"));
    if (savepoint != null) {
      args.addAll(List.of("--from-savepoint", savepoint.toUri().toString()));
    }
    StatefunProcess process = distribution.start(work.resolve(log), args.toArray(String[]::new));
    return new Master(process, rest, rpc, blob);
  }

  StatefunProcess startWorker(Master master, String log) throws Exception {
    return startWorker(master, 2, log);
  }

  /** A worker whose Flink resource id is its log's name without {@code .log}. */
  StatefunProcess startWorker(Master master, int slots, String log) throws Exception {
    return distribution.start(
        work.resolve(log),
        "worker",
        "--master",
        "127.0.0.1:" + master.rpcPort(),
        "-D",
        "taskmanager.bind-host=127.0.0.1",
        "-D",
        "taskmanager.host=127.0.0.1",
        "-D",
        "taskmanager.numberOfTaskSlots=" + slots,
        "-D",
        "taskmanager.resource-id=" + log.replace(".log", ""),
        "-D",
        "taskmanager.memory.process.size=1g",
        "-D",
        "execution.checkpointing.dir=" + checkpoints.toUri());
  }

  /** Sends {@code count} more names, round robin over the distinct names. */
  void produce(int count) throws Exception {
    List<Map.Entry<String, String>> records = new ArrayList<>();
    int already = sentCount();
    for (int i = already; i < already + count; i++) {
      String name = "name-" + (i % DISTINCT_NAMES);
      sent.merge(name, 1, Integer::sum);
      records.add(Map.entry(name, name));
    }
    KafkaTestClients.produceStrings(bootstrapServers, "names", records);
  }

  /** One more visit of every name. */
  void produceOneRound() throws Exception {
    produce(DISTINCT_NAMES);
  }

  int sentCount() {
    return sent.values().stream().mapToInt(Integer::intValue).sum();
  }

  List<ConsumerRecord<byte[], byte[]>> awaitCommittedGreetings(int count) {
    return KafkaTestClients.readCommitted(bootstrapServers, "greetings", count, LIMIT);
  }

  /** Waits for a greeting for every name sent, then checks each came exactly once. */
  void assertEveryGreetingExactlyOnce() {
    assertExactlyOnce(awaitCommittedGreetings(sentCount()));
  }

  /** Every name's greetings are visitor #1..#n, each exactly once, n = the names sent so far. */
  void assertExactlyOnce(List<ConsumerRecord<byte[], byte[]>> greetings) {
    Map<String, List<String>> byName = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> greeting : greetings) {
      byName
          .computeIfAbsent(KafkaTestClients.key(greeting), k -> new ArrayList<>())
          .add(KafkaTestClients.value(greeting));
    }
    Map<String, List<String>> expected = new LinkedHashMap<>();
    sent.forEach(
        (name, visits) -> {
          List<String> lines = new ArrayList<>();
          for (int n = 1; n <= visits; n++) {
            lines.add("Hello " + name + ", you are visitor #" + n);
          }
          expected.put(name, lines);
        });
    assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach(
        (name, lines) ->
            assertThat(byName.get(name))
                .as("greetings of " + name)
                .containsExactlyInAnyOrderElementsOf(lines));
  }
}
