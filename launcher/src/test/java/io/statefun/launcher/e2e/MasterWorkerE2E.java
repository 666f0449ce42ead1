package io.statefun.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.kafka.testing.KafkaTestClients;
import io.statefun.launcher.e2e.Distribution.StatefunProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The greeter on the real distribution: {@code statefun master} and {@code statefun worker} as two
 * OS processes, a real broker, greetings read back {@code read_committed}.
 *
 * <ol>
 *   <li>a worker is SIGKILLed in the middle of thousands of names and a new one joins: every
 *       greeting exactly once, with the right counts;
 *   <li>the master is stopped with a savepoint and started again from it with another parallelism:
 *       the counts go on where they were;
 *   <li>SIGTERM ends the worker and the master.
 * </ol>
 */
class MasterWorkerE2E {
  private static final Duration LIMIT = Duration.ofMinutes(3);
  private static final int DISTINCT_NAMES = 40;

  /** 128 + 15: the JVM ran its shutdown hooks and exited on SIGTERM. */
  static final int SIGTERM_EXIT = 143;

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path work;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Integer> sent = new TreeMap<>();

  @Test
  void workerKilledMidStreamAndMasterRestoredFromSavepointKeepEveryGreetingExactlyOnce()
      throws Exception {
    KAFKA.broker().createTopic("names", 2);
    KAFKA.broker().createTopic("greetings", 2);
    Distribution distribution = Distribution.layOut(work);
    Path checkpoints = work.resolve("checkpoints");

    // 1. master at parallelism 2 and a worker; names stream in while the worker is killed
    Path savepoint;
    Master master = startMaster(distribution, checkpoints, 2, null, "master-1.log");
    StatefunProcess worker = startWorker(distribution, master, checkpoints, "worker-1.log");
    try {
      produce(1500);
      awaitCommittedGreetings(300);
      worker.kill(); // SIGKILL in the middle of the stream
      produce(1500);
      worker = startWorker(distribution, master, checkpoints, "worker-2.log");
      List<ConsumerRecord<byte[], byte[]>> greetings = awaitCommittedGreetings(3000);
      assertExactlyOnce(greetings);

      // 2. stop with a savepoint: the job finishes, the master exits 0
      savepoint = stopWithSavepoint(master, work.resolve("savepoints"));
    } finally {
      worker.close();
      master.process().close();
    }

    // 3. a new master restores the savepoint at parallelism 1: every count goes on
    master = startMaster(distribution, checkpoints, 1, savepoint, "master-2.log");
    worker = startWorker(distribution, master, checkpoints, "worker-3.log");
    try {
      produce(DISTINCT_NAMES); // one more visit of every name
      List<ConsumerRecord<byte[], byte[]>> greetings =
          awaitCommittedGreetings(3000 + DISTINCT_NAMES);
      assertExactlyOnce(greetings);

      // 4. SIGTERM (docker stop) ends the worker and the master
      assertThat(worker.terminate(LIMIT))
          .as("the worker's exit code after SIGTERM")
          .isEqualTo(SIGTERM_EXIT);
      assertThat(master.process().terminate(LIMIT))
          .as("the master's exit code after SIGTERM")
          .isEqualTo(SIGTERM_EXIT);
    } finally {
      worker.close();
      master.process().close();
    }
  }

  private record Master(StatefunProcess process, int restPort, int rpcPort) {}

  private Master startMaster(
      Distribution distribution, Path checkpoints, int parallelism, Path savepoint, String log)
      throws Exception {
    int rest = Distribution.freePort();
    int rpc = Distribution.freePort();
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
                "blob.server.port=" + Distribution.freePort(),
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
                "statefun.module.global-config.kafka-address=" + KAFKA.bootstrapServers()));
    if (savepoint != null) {
      args.addAll(List.of("--from-savepoint", savepoint.toUri().toString()));
    }
    StatefunProcess process = distribution.start(work.resolve(log), args.toArray(String[]::new));
    return new Master(process, rest, rpc);
  }

  private StatefunProcess startWorker(
      Distribution distribution, Master master, Path checkpoints, String log) throws Exception {
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
        "taskmanager.numberOfTaskSlots=2",
        "-D",
        "taskmanager.memory.process.size=1g",
        "-D",
        "execution.checkpointing.dir=" + checkpoints.toUri());
  }

  /** Sends {@code count} more names, round robin over the distinct names. */
  private void produce(int count) throws Exception {
    List<Map.Entry<String, String>> records = new ArrayList<>();
    int already = sent.values().stream().mapToInt(Integer::intValue).sum();
    for (int i = already; i < already + count; i++) {
      String name = "name-" + (i % DISTINCT_NAMES);
      sent.merge(name, 1, Integer::sum);
      records.add(Map.entry(name, name));
    }
    KafkaTestClients.produceStrings(KAFKA.bootstrapServers(), "names", records);
  }

  private List<ConsumerRecord<byte[], byte[]>> awaitCommittedGreetings(int count) {
    return KafkaTestClients.readCommitted(KAFKA.bootstrapServers(), "greetings", count, LIMIT);
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

  /**
   * Stops the job with a savepoint through the master's REST API as {@code flink stop} does:
   * trigger, then poll the trigger until the savepoint is complete; the master then exits 0.
   *
   * <p>Reading the result matters: the REST endpoint keeps every asynchronous operation's result
   * until a client has read it, and on shutdown waits for that (up to {@code
   * rest.async.store-duration}, 5 minutes), so a master whose savepoint nobody asked about lingers
   * for minutes after its job has finished.
   */
  private Path stopWithSavepoint(Master master, Path savepoints) throws Exception {
    String base = "http://127.0.0.1:" + master.restPort();
    String jobId = runningJob(base);
    String body =
        json.writeValueAsString(
            Map.of("drain", false, "targetDirectory", savepoints.toUri().toString()));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "/stop"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    String trigger =
        base
            + "/jobs/"
            + jobId
            + "/savepoints/"
            + json.readTree(response.body()).path("request-id").asText();
    JsonNode[] operation = new JsonNode[1];
    await(
        "the savepoint at " + trigger,
        () -> {
          JsonNode status = getJson(trigger);
          if (status == null || !status.path("status").path("id").asText().equals("COMPLETED")) {
            return false;
          }
          operation[0] = status.path("operation");
          return true;
        });
    assertThat(operation[0].has("failure-cause"))
        .as("stop-with-savepoint failed: " + operation[0].path("failure-cause"))
        .isFalse();
    Path savepoint = Path.of(URI.create(operation[0].path("location").asText()));
    assertThat(savepoint.resolve("_metadata")).exists();
    // application mode: the cluster shuts down once the job has stopped
    Process process = master.process().process();
    assertThat(process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS))
        .as("the master exits after stop-with-savepoint; its log:\n" + master.process().output())
        .isTrue();
    assertThat(process.exitValue())
        .as("the master's exit code; its log:\n" + master.process().output())
        .isZero();
    assertThat(savepointIn(savepoints)).isEqualTo(savepoint);
    return savepoint;
  }

  /** The JSON {@code GET url} answers with, or null while the server doesn't answer 200. */
  private JsonNode getJson(String url) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    } catch (java.io.IOException e) {
      return null; // not up yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private String runningJob(String base) throws Exception {
    String[] jobId = new String[1];
    await(
        "a running job at " + base,
        () -> {
          JsonNode overview = getJson(base + "/jobs/overview");
          for (JsonNode job : overview == null ? json.createArrayNode() : overview.path("jobs")) {
            if (job.path("state").asText().equals("RUNNING")) {
              jobId[0] = job.path("jid").asText();
              return true;
            }
          }
          return false;
        });
    return jobId[0];
  }

  private static Path savepointIn(Path savepoints) throws Exception {
    try (Stream<Path> found = Files.list(savepoints)) {
      List<Path> complete = found.filter(dir -> Files.exists(dir.resolve("_metadata"))).toList();
      assertThat(complete).as("savepoints in " + savepoints).hasSize(1);
      return complete.get(0);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(100); // polling interval, not a wait for an outcome
    }
  }
}
