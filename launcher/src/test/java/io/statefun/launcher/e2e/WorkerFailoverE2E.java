package io.statefun.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.launcher.e2e.Distribution.StatefunProcess;
import io.statefun.launcher.e2e.GreeterCluster.Master;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover under repeated worker loss: a master and three workers with one slot each run the
 * greeter at parallelism 2, so one worker is a registered spare. Ten times, once the job has
 * recovered from the previous kill, one of the two workers running the job (chosen at random) is
 * SIGKILLed while names stream in; once the job has recovered, a new worker is started and awaited
 * as the next spare (started during the recovery, on this machine, it would take the cores the
 * recovery needs; in a deployment it starts on a machine of its own). Then once without a spare:
 * the idle worker is killed first, then a busy one, whose replacement starts at once. Every
 * greeting arrives exactly once ({@code read_committed}) with the right counts, and the time from
 * each kill to the first checkpoint completed after the restore is printed (not asserted: wall
 * clock).
 */
class WorkerFailoverE2E {
  private static final int KILLS = 10;

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path work;

  @Test
  void tenWorkerKillsLoseAndDoubleNothing() throws Exception {
    KAFKA.broker().createTopic("names", 2);
    KAFKA.broker().createTopic("greetings", 2);
    GreeterCluster cluster =
        new GreeterCluster(Distribution.layOut(work), work, KAFKA.bootstrapServers());
    long seed = System.nanoTime();
    Random random = new Random(seed);

    Master master = cluster.startMaster(2, null, "master.log");
    List<StatefunProcess> workers = new ArrayList<>();
    workers.add(cluster.startWorker(master, 1, "worker-a.log"));
    workers.add(cluster.startWorker(master, 1, "worker-b.log"));
    workers.add(cluster.startWorker(master, 1, "worker-c.log"));
    List<Long> recoveries = new ArrayList<>();
    long noSpare;
    try {
      MasterRest rest = new MasterRest(master.restPort());
      String job = rest.runningJob(GreeterCluster.LIMIT);
      cluster.produce(200);
      cluster.awaitCommittedGreetings(100);
      for (int kill = 1; kill <= KILLS; kill++) {
        long restoresBefore = restores(rest, job);
        cluster.produce(100); // in flight while the worker dies
        StatefunProcess victim = busyWorker(rest, workers, random);
        workers.remove(victim);
        long killedAt = System.currentTimeMillis();
        victim.kill();
        long[] recovered = new long[1];
        MasterRest.await(
            "a checkpoint after restore " + (restoresBefore + 1) + " (seed " + seed + ")",
            GreeterCluster.LIMIT,
            () -> {
              recovered[0] = checkpointAfterRestore(rest, job, restoresBefore);
              return recovered[0] > 0;
            });
        recoveries.add(recovered[0] - killedAt);
        // the next spare: started once the recovery is measured, as on a machine of its own (on
        // this one, a JVM starting during the recovery would take the cores the recovery needs)
        String spare = "worker-" + kill;
        workers.add(cluster.startWorker(master, 1, spare + ".log"));
        MasterRest.await(
            spare + " registered with a free slot",
            GreeterCluster.LIMIT,
            () -> hasFreeSlot(rest, spare));
      }
      // once more without a spare: the idle worker goes first (it runs nothing: no failover),
      // then a busy one, and its replacement starts right away, as a supervisor starts it
      StatefunProcess idle = idleWorker(rest, workers);
      String idleId = idle.log().getFileName().toString().replace(".log", "");
      workers.remove(idle);
      idle.kill();
      MasterRest.await(idleId + " dropped", GreeterCluster.LIMIT, () -> !registered(rest, idleId));
      long restoresBefore = restores(rest, job);
      cluster.produce(100);
      StatefunProcess victim = busyWorker(rest, workers, random);
      workers.remove(victim);
      long killedAt = System.currentTimeMillis();
      victim.kill();
      workers.add(cluster.startWorker(master, 1, "worker-replacement.log"));
      long[] recovered = new long[1];
      MasterRest.await(
          "a checkpoint after the restore without a spare (seed " + seed + ")",
          GreeterCluster.LIMIT,
          () -> {
            recovered[0] = checkpointAfterRestore(rest, job, restoresBefore);
            return recovered[0] > 0;
          });
      noSpare = recovered[0] - killedAt;
      cluster.assertEveryGreetingExactlyOnce();
    } finally {
      for (StatefunProcess worker : workers) {
        worker.close();
      }
      master.process().close();
    }
    // not asserted (wall clock): from each SIGKILL to the first checkpoint after the restore, ms
    System.out.println("WorkerFailoverE2E recovery times (ms, a spare registered): " + recoveries);
    System.out.println(
        "WorkerFailoverE2E recovery time (ms, no spare: a new worker started at the kill): "
            + noSpare);
    assertThat(recoveries).hasSize(KILLS);
  }

  /** The worker whose slot is free (the spare). */
  private static StatefunProcess idleWorker(MasterRest rest, List<StatefunProcess> workers) {
    for (JsonNode taskManager : rest.get("/taskmanagers").path("taskmanagers")) {
      if (taskManager.path("freeSlots").asInt() > 0) {
        String log = taskManager.path("id").asText() + ".log";
        for (StatefunProcess worker : workers) {
          if (worker.log().getFileName().toString().equals(log)) {
            return worker;
          }
        }
      }
    }
    throw new AssertionError("no idle worker: " + rest.get("/taskmanagers"));
  }

  /** One of the workers whose slot runs the job, at random. */
  private static StatefunProcess busyWorker(
      MasterRest rest, List<StatefunProcess> workers, Random random) {
    List<StatefunProcess> busy = new ArrayList<>();
    JsonNode taskManagers = rest.get("/taskmanagers");
    for (JsonNode taskManager : taskManagers.path("taskmanagers")) {
      if (taskManager.path("freeSlots").asInt() == 0) {
        String log = taskManager.path("id").asText() + ".log";
        workers.stream()
            .filter(worker -> worker.log().getFileName().toString().equals(log))
            .forEach(busy::add);
      }
    }
    assertThat(busy).as("workers running the job: %s", taskManagers).hasSize(2);
    return busy.get(random.nextInt(busy.size()));
  }

  /** Registered and its slot reported to the master (which follows the registration). */
  private static boolean hasFreeSlot(MasterRest rest, String resourceId) {
    JsonNode taskManager = taskManager(rest, resourceId);
    return taskManager != null && taskManager.path("freeSlots").asInt() > 0;
  }

  private static boolean registered(MasterRest rest, String resourceId) {
    return taskManager(rest, resourceId) != null;
  }

  /** The master's view of a worker, or null while it is not registered. */
  private static JsonNode taskManager(MasterRest rest, String resourceId) {
    JsonNode taskManagers = rest.get("/taskmanagers");
    if (taskManagers != null) {
      for (JsonNode taskManager : taskManagers.path("taskmanagers")) {
        if (taskManager.path("id").asText().equals(resourceId)) {
          return taskManager;
        }
      }
    }
    return null;
  }

  private static long restores(MasterRest rest, String job) {
    JsonNode stats = rest.get("/jobs/" + job + "/checkpoints");
    return stats == null ? 0 : stats.path("counts").path("restored").asLong();
  }

  /**
   * When the first checkpoint triggered after the restore beyond {@code restoresBefore} was
   * completed (epoch ms, its last acknowledgement), or 0 while there is none. Read from the
   * checkpoint history, not from "latest completed", which is a later checkpoint by the time a poll
   * sees it.
   */
  private static long checkpointAfterRestore(MasterRest rest, String job, long restoresBefore) {
    JsonNode stats = rest.get("/jobs/" + job + "/checkpoints");
    if (stats == null || stats.path("counts").path("restored").asLong() <= restoresBefore) {
      return 0;
    }
    long restoredAt = stats.path("latest").path("restored").path("restore_timestamp").asLong();
    long first = 0;
    for (JsonNode checkpoint : stats.path("history")) {
      long completedAt = checkpoint.path("latest_ack_timestamp").asLong();
      if (checkpoint.path("status").asText().equals("COMPLETED")
          && checkpoint.path("trigger_timestamp").asLong() >= restoredAt
          && (first == 0 || completedAt < first)) {
        first = completedAt;
      }
    }
    return first;
  }
}
