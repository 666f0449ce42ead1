package io.statefun.e2e.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.examples.greeter.remote.GreeterService;
import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.kafka.testing.KafkaTestClients;
import io.statefun.sdk.remote.FunctionServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stateful Functions as an ordinary Flink job, on a Flink 2.2 session cluster we only configured
 * (its class path has none of this project's classes: the job JARs bring the runtime), submitted
 * with Flink's CLI, with a real broker and greetings read back {@code read_committed}:
 *
 * <ol>
 *   <li>{@code flink run} of the greeter's {@code flink-job} JAR at parallelism 2: every greeting
 *       exactly once, with the right counts;
 *   <li>{@code flink stop} with a savepoint and {@code flink run -s} at parallelism 1: the counts
 *       go on. Next to it, in the same cluster, a remote-only application (the runtime's own {@code
 *       flink-job} JAR plus a {@code module.yaml} with an HTTP endpoint and Kafka I/O, no code of
 *       its own) greets through the remote greeter's service;
 *   <li>the greeter stopped with a savepoint again; the remote application cancelled and submitted
 *       again (a new job, a new topic) while the same TaskManager keeps running;
 *   <li>{@code statefun master -s} (the other deployment mode) restores the greeter's savepoint at
 *       parallelism 2: the counts still go on;
 *   <li>the master stopped with a savepoint ({@code flink stop} against its REST API), which {@code
 *       flink run -s} restores on the session cluster: the counts still go on.
 * </ol>
 */
class FlinkRunE2E {
  private static final int DISTINCT_NAMES = 20;
  private static final List<String> REMOTE_NAMES =
      List.of("remote-alice", "remote-bob", "remote-alice", "remote-carol", "remote-alice");

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path work;

  private static FlinkSessionCluster cluster;
  private static FunctionServer greeterService;

  /** Every name sent so far, to any of the applications, with how often: the expected counts. */
  private final Map<String, Integer> sent = new TreeMap<>();

  @BeforeAll
  static void startClusterAndFunctionService() throws Exception {
    cluster =
        FlinkSessionCluster.start(
            work.resolve("cluster"),
            4,
            Map.of(
                "state.backend.type", "rocksdb",
                "execution.checkpointing.interval", "500ms",
                "execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString()));
    greeterService = GreeterService.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stopClusterAndFunctionService() throws Exception {
    if (greeterService != null) {
      greeterService.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void greeterMovesBetweenFlinkRunAndStatefunMasterThroughSavepointsWithExactCounts()
      throws Exception {
    KAFKA.broker().createTopic("names", 2);
    KAFKA.broker().createTopic("names-remote", 2);
    KAFKA.broker().createTopic("greetings", 2);
    String kafka = "-Dstatefun.module.global-config.kafka-address=" + KAFKA.bootstrapServers();
    Path greeterJob = jar("greeter-flink-job.jar");

    // 1. flink run at parallelism 2
    String greeter = cluster.submit("-p", "2", kafka, greeterJob.toString());
    produceGreeterNames(200);
    assertExactlyOnce(awaitCommittedGreetings());

    // 2. flink stop with a savepoint, flink run -s at parallelism 1; the remote-only application
    //    runs next to it in the same cluster
    Path firstSavepoint = cluster.stopWithSavepoint(greeter, work.resolve("savepoints"));
    greeter =
        cluster.submit(
            "-p", "1", "-s", firstSavepoint.toUri().toString(), kafka, greeterJob.toString());
    // (a job name of its own: the Kafka egress' transactional ids start with it)
    String remote =
        cluster.submit(
            "-p",
            "2",
            "-Dstatefun.job-name=remote-greeter",
            remoteOnlyApplication("names-remote").toString());
    produceGreeterNames(DISTINCT_NAMES); // one more visit of every name
    produce("names-remote", REMOTE_NAMES);
    assertExactlyOnce(awaitCommittedGreetings());

    // 3. the remote application cancelled and submitted again (as a new job, reading a new topic)
    //    while the same TaskManager keeps running: the new job's greetings are right too
    Path secondSavepoint = cluster.stopWithSavepoint(greeter, work.resolve("savepoints-2"));
    cluster.cancel(remote);
    KAFKA.broker().createTopic("names-remote-2", 2);
    remote =
        cluster.submit(
            "-p",
            "2",
            "-Dstatefun.job-name=remote-greeter",
            remoteOnlyApplication("names-remote-2").toString());
    produce("names-remote-2", List.of("remote-dave", "remote-dave"));
    assertExactlyOnce(awaitCommittedGreetings());
    cluster.cancel(remote);

    // 4. the other deployment mode: statefun master restores the flink run job's savepoint (its
    //    own processes, next to the session cluster)

    StatefunDistribution distribution =
        StatefunDistribution.layOut(work.resolve("launcher"), jar("greeter-module.jar"));
    int rpcPort = FlinkSessionCluster.freePort();
    int masterRestPort = FlinkSessionCluster.freePort();
    Process master =
        distribution.start(
            work.resolve("master.log"),
            List.of(
                "master",
                "-p",
                "2",
                "-s",
                secondSavepoint.toUri().toString(),
                "-D",
                "jobmanager.rpc.address=127.0.0.1",
                "-D",
                "jobmanager.bind-host=127.0.0.1",
                "-D",
                "jobmanager.rpc.port=" + rpcPort,
                "-D",
                "blob.server.port=" + FlinkSessionCluster.freePort(),
                "-D",
                "rest.address=127.0.0.1",
                "-D",
                "rest.bind-address=127.0.0.1",
                "-D",
                "rest.port=" + masterRestPort,
                "-D",
                "execution.checkpointing.interval=500ms",
                "-D",
                "execution.checkpointing.dir=" + work.resolve("checkpoints").toUri(),
                "-D",
                "statefun.module.global-config.kafka-address=" + KAFKA.bootstrapServers()));
    Process worker = null;
    Path masterSavepoint;
    try {
      worker =
          distribution.start(
              work.resolve("worker.log"),
              List.of(
                  "worker",
                  "--master",
                  "127.0.0.1:" + rpcPort,
                  "-D",
                  "taskmanager.bind-host=127.0.0.1",
                  "-D",
                  "taskmanager.host=127.0.0.1",
                  "-D",
                  "taskmanager.numberOfTaskSlots=2",
                  "-D",
                  "taskmanager.memory.process.size=1g",
                  "-D",
                  "execution.checkpointing.dir=" + work.resolve("checkpoints").toUri()));
      produceGreeterNames(DISTINCT_NAMES);
      assertExactlyOnce(awaitCommittedGreetings());
      masterSavepoint = cluster.stopWithSavepointAt(masterRestPort, work.resolve("savepoints-3"));
    } finally {
      if (worker != null) {
        StatefunDistribution.stop(worker);
      }
      StatefunDistribution.stop(master);
    }

    // 5. and back: flink run -s restores the master's savepoint on the session cluster
    cluster.submit(
        "-p", "2", "-s", masterSavepoint.toUri().toString(), kafka, greeterJob.toString());
    produceGreeterNames(DISTINCT_NAMES);
    assertExactlyOnce(awaitCommittedGreetings());
  }

  /**
   * An application that is only a {@code module.yaml}: the remote greeter's, pointing at this
   * test's broker and service, reading topic {@code namesTopic} and serving its HTTP ingress on a
   * free port (not the shipped 8090, which another process may hold), added to the runtime's own
   * job JAR ({@code statefun-flink-distribution-VERSION-flink-job.jar}).
   */
  private static Path remoteOnlyApplication(String namesTopic) throws Exception {
    String shipped =
        Files.readString(Path.of("../examples/greeter-remote/module.yaml"), StandardCharsets.UTF_8);
    String local =
        shipped
            .replace("kafka:9092", KAFKA.bootstrapServers())
            .replace(
                "http://greeter-functions:8000/", "http://127.0.0.1:" + greeterService.port() + "/")
            .replace("- topic: names", "- topic: " + namesTopic)
            .replace("consumerGroupId: greeter", "consumerGroupId: greeter-" + namesTopic)
            .replace("port: 8090", "port: " + FlinkSessionCluster.freePort());
    assertThat(local)
        .doesNotContain("kafka:9092", "greeter-functions", "port: 8090")
        .contains(namesTopic);
    Path application = work.resolve("remote-greeter-" + namesTopic + "-flink-job.jar");
    Files.copy(jar("statefun-flink-job.jar"), application);
    try (FileSystem zip = FileSystems.newFileSystem(application)) {
      Files.writeString(zip.getPath("module.yaml"), local);
    }
    return application;
  }

  private static Path jar(String name) {
    Path jar = Path.of(System.getProperty("statefun.e2e.jars", "target/e2e-jars")).resolve(name);
    assertThat(jar).as("built by the reactor and copied in pre-integration-test").isRegularFile();
    return jar;
  }

  /** Sends {@code count} more names to the greeter, round robin over the distinct names. */
  private void produceGreeterNames(int count) throws Exception {
    List<String> names = new ArrayList<>();
    int already =
        sent.entrySet().stream()
            .filter(e -> e.getKey().startsWith("name-"))
            .mapToInt(Map.Entry::getValue)
            .sum();
    for (int i = already; i < already + count; i++) {
      names.add("name-" + (i % DISTINCT_NAMES));
    }
    produce("names", names);
  }

  private void produce(String topic, List<String> names) throws Exception {
    List<Map.Entry<String, String>> records = new ArrayList<>();
    for (String name : names) {
      sent.merge(name, 1, Integer::sum);
      records.add(Map.entry(name, name));
    }
    KafkaTestClients.produceStrings(KAFKA.bootstrapServers(), topic, records);
  }

  private List<ConsumerRecord<byte[], byte[]>> awaitCommittedGreetings() {
    int expected = sent.values().stream().mapToInt(Integer::intValue).sum();
    return KafkaTestClients.readCommitted(
        KAFKA.bootstrapServers(), "greetings", expected, FlinkSessionCluster.LIMIT);
  }

  /** Every name's greetings are visitor #1..#n, each exactly once, n = the names sent so far. */
  private void assertExactlyOnce(List<ConsumerRecord<byte[], byte[]>> greetings) {
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
