package io.statefun.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.launcher.e2e.Distribution.StatefunProcess;
import io.statefun.launcher.e2e.GreeterCluster.Master;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
  private static final Duration LIMIT = GreeterCluster.LIMIT;

  /** 128 + 15: the JVM ran its shutdown hooks and exited on SIGTERM. */
  static final int SIGTERM_EXIT = 143;

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path work;

  @Test
  void workerKilledMidStreamAndMasterRestoredFromSavepointKeepEveryGreetingExactlyOnce()
      throws Exception {
    KAFKA.broker().createTopic("names", 2);
    KAFKA.broker().createTopic("greetings", 2);
    GreeterCluster cluster =
        new GreeterCluster(Distribution.layOut(work), work, KAFKA.bootstrapServers());

    // 1. master at parallelism 2 and a worker; names stream in while the worker is killed
    Path savepoint;
    Master master = cluster.startMaster(2, null, "master-1.log");
    StatefunProcess worker = cluster.startWorker(master, "worker-1.log");
    try {
      cluster.produce(1500);
      cluster.awaitCommittedGreetings(300);
      worker.kill(); // SIGKILL in the middle of the stream
      cluster.produce(1500);
      worker = cluster.startWorker(master, "worker-2.log");
      cluster.assertEveryGreetingExactlyOnce();

      // 2. stop with a savepoint: the job finishes, the master exits 0
      savepoint = stopWithSavepoint(master, work.resolve("stopped"));
    } finally {
      worker.close();
      master.process().close();
    }

    // 3. a new master restores the savepoint at parallelism 1: every count goes on
    master = cluster.startMaster(1, savepoint, "master-2.log");
    worker = cluster.startWorker(master, "worker-3.log");
    try {
      cluster.produceOneRound();
      cluster.assertEveryGreetingExactlyOnce();

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
    MasterRest rest = new MasterRest(master.restPort());
    String jobId = rest.runningJob(LIMIT);
    HttpResponse<String> response =
        rest.post(
            "/jobs/" + jobId + "/stop",
            Map.of("drain", false, "targetDirectory", savepoints.toUri().toString()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    String trigger =
        "/jobs/"
            + jobId
            + "/savepoints/"
            + rest.readTree(response.body()).path("request-id").asText();
    JsonNode[] operation = new JsonNode[1];
    MasterRest.await(
        "the savepoint at " + trigger,
        LIMIT,
        () -> {
          JsonNode status = rest.get(trigger);
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

  private static Path savepointIn(Path savepoints) throws Exception {
    try (Stream<Path> found = Files.list(savepoints)) {
      List<Path> complete = found.filter(dir -> Files.exists(dir.resolve("_metadata"))).toList();
      assertThat(complete).as("savepoints in " + savepoints).hasSize(1);
      return complete.get(0);
    }
  }
}
