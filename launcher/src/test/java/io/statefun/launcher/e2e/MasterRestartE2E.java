package io.statefun.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.launcher.e2e.Distribution.StatefunProcess;
import io.statefun.launcher.e2e.GreeterCluster.Master;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master that dies comes back where it was: {@code statefun master} is SIGKILLed while names
 * stream in and started again with the same command, as a container supervisor does, while the
 * worker stays up. The new master resumes from the job's newest checkpoint, so the counts go on and
 * every greeting arrives exactly once ({@code read_committed}).
 */
class MasterRestartE2E {
  private static final int KILLS = 2;

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path work;

  @Test
  void masterKilledMidStreamAndStartedAgainResumesFromItsNewestCheckpoint() throws Exception {
    KAFKA.broker().createTopic("names", 2);
    KAFKA.broker().createTopic("greetings", 2);
    GreeterCluster cluster =
        new GreeterCluster(Distribution.layOut(work), work, KAFKA.bootstrapServers());

    Master master = cluster.startMaster(2, null, "master-0.log");
    StatefunProcess worker = cluster.startWorker(master, "worker.log");
    List<String> recoveries = new ArrayList<>();
    try {
      cluster.produce(400);
      cluster.awaitCommittedGreetings(100);
      for (int kill = 1; kill <= KILLS; kill++) {
        cluster.produce(400); // in flight while the master dies
        master.process().kill();
        long killed = System.nanoTime();
        master = cluster.restart(master, 2, "master-" + kill + ".log");

        MasterRest rest = new MasterRest(master.restPort());
        String job = rest.runningJob(GreeterCluster.LIMIT);
        MasterRest.await(
            "a checkpoint of the restarted job",
            GreeterCluster.LIMIT,
            () -> rest.completedCheckpoints(job) > 0);
        recoveries.add(
            String.format("kill %d: %d ms", kill, (System.nanoTime() - killed) / 1_000_000));
        assertThat(master.process().output())
            .as("the restarted master's log")
            .contains("resuming from its newest checkpoint");
        cluster.assertEveryGreetingExactlyOnce();
      }
      cluster.produceOneRound();
      cluster.assertEveryGreetingExactlyOnce();
    } finally {
      worker.close();
      master.process().close();
    }
    // not asserted (wall clock): from the SIGKILL to the restarted job's first checkpoint
    System.out.println("MasterRestartE2E recovery times: " + recoveries);
  }
}
