package io.statefun.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.RecordingMetricReporter;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.FailedCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints complete while the functions are slow and the loop is full, and what the feedback
 * channel keeps for them stays within its bound, at parallelism 2: {@link TokenRingModule}'s tokens
 * circulate through slow addresses (so the loop always carries messages) while an ingress floods
 * the same addresses with slow synchronous work (so the task's input is backpressured). After a
 * forced failure the job restores from one of those checkpoints, and every visit is counted exactly
 * once.
 *
 * <p>The bound: the channel retains only messages that were in the loop at a checkpoint (while no
 * checkpoint is aborted half-way), its backlog only messages in the loop, and a token is one
 * message at any time, so neither the retention, nor the backlog, nor a checkpoint's loop log ever
 * exceeds the number of tokens. The run prints checkpoint durations and these sizes.
 */
class CheckpointsUnderBackpressureIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final int TOKENS = 48;
  private static final int WORK = 12_000;
  private static final int WORK_PER_SECOND = 3_000;
  private static final int CHECKPOINTS_BEFORE_FAILURE = 5;
  private static final int CHECKPOINTS_AFTER_RESTORE = 5;

  @ParameterizedTest(name = "unaligned {0}")
  @ValueSource(booleans = {false, true})
  void checkpointsCompleteUnderBackpressureInBoundedMemoryAndRestoreExactlyOnce(
      boolean unaligned, @InjectMiniCluster MiniCluster cluster) throws Exception {
    TokenRingModule.STOP.set(false);
    TokenRingModule.FAIL_NEXT.set(false);
    TokenRingModule.FAILURES.set(0);
    String jobName = "ring-" + (unaligned ? "unaligned" : "aligned");
    List<Message> input = new ArrayList<>();
    for (int token = 0; token < TOKENS; token++) {
      input.add(TokenRingModule.start(token));
    }
    Map<String, Integer> work = new HashMap<>();
    for (int i = 0; i < WORK; i++) {
      String id = Integer.toString(i % TokenRingModule.ADDRESSES);
      input.add(MessageBuilder.forAddress(TokenRingModule.HOP, id).withValue("work").build());
      work.merge(id, 1, Integer::sum);
    }

    ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();
    Map<String, Integer> expected;
    try (RunningApplication app =
        new Harness()
            .withoutModuleDiscovery()
            .withModule(TokenRingModule.class)
            .withParallelism(2)
            .withConfiguration("statefun.job-name", jobName)
            .withCheckpointInterval(Duration.ofMillis(100))
            .withConfiguration("execution.checkpointing.unaligned.enabled", "" + unaligned)
            .withConfiguration("restart-strategy.type", "fixed-delay")
            .withConfiguration("restart-strategy.fixed-delay.attempts", "10")
            .withConfiguration("restart-strategy.fixed-delay.delay", "50 ms")
            .withIngress(TokenRingModule.INGRESS, input, WORK_PER_SECOND)
            .withEgress(TokenRingModule.EGRESS, value -> reports.add(value.as(Types.STRING)))
            .start()) {
      awaitCheckpoints(cluster, app, CHECKPOINTS_BEFORE_FAILURE);
      long visitsBeforeFailure = visits(reports);
      TokenRingModule.FAIL_NEXT.set(true);
      Await.until(
          "the injected failure", Duration.ofMinutes(1), () -> TokenRingModule.FAILURES.get() > 0);
      long beforeRestore = stats(cluster, app).getCounts().getNumberOfCompletedCheckpoints();
      awaitCheckpoints(cluster, app, beforeRestore + CHECKPOINTS_AFTER_RESTORE);
      long visitsAfterRestore = visits(reports);
      CheckpointStatsSnapshot underLoad = stats(cluster, app);

      TokenRingModule.STOP.set(true);
      Await.until(
          "every token to retire",
          Duration.ofMinutes(2),
          () -> retired(reports).size() >= TOKENS,
          () -> "retired " + retired(reports).size() + ", visits " + visits(reports));
      expected = expectedCounts(retired(reports), work);
      Map<String, Integer> expectedNow = expected;
      Await.until(
          "every visit to be reported",
          Duration.ofMinutes(1),
          () -> highestCounts(reports).equals(expectedNow),
          () -> "expected " + expectedNow + " but saw " + highestCounts(reports));

      System.out.printf(
          "%s: %d checkpoints completed, %d failed under load (%d visits before the failure, %d"
              + " after the restore's checkpoints, %d in all); end-to-end duration avg %d ms,"
              + " max %d ms; loop messages per checkpoint max %d, retained max %d, channel"
              + " backlog max %d; failures: %s%n",
          jobName,
          underLoad.getCounts().getNumberOfCompletedCheckpoints(),
          underLoad.getCounts().getNumberOfFailedCheckpoints(),
          visitsBeforeFailure,
          visitsAfterRestore,
          visits(reports),
          underLoad.getSummaryStats().getEndToEndDurationStats().getAverage(),
          underLoad.getSummaryStats().getEndToEndDurationStats().getMaximum(),
          RecordingMetricReporter.maxOfGauges(jobName, "loopCheckpointedMax"),
          RecordingMetricReporter.maxOfGauges(jobName, "loopRetainedMax"),
          RecordingMetricReporter.maxOfGauges(jobName, "loopBacklogMax"),
          failureMessages(underLoad));
    }

    assertThat(TokenRingModule.FAILURES.get()).isEqualTo(1);
    List<String> counts = reports.stream().filter(r -> r.contains("=")).toList();
    assertThat(counts)
        .as("every visit counted once")
        .doesNotHaveDuplicates()
        .hasSize(expected.values().stream().mapToInt(Integer::intValue).sum());
    assertThat(reports.stream().filter(r -> r.startsWith("retired ")).toList())
        .as("every token retired once")
        .hasSize(TOKENS)
        .doesNotHaveDuplicates();
    assertThat(RecordingMetricReporter.maxOfGauges(jobName, "loopCheckpointedMax"))
        .as("loop messages a checkpoint stored")
        .isPositive()
        .isLessThanOrEqualTo(TOKENS);
    assertThat(RecordingMetricReporter.maxOfGauges(jobName, "loopRetainedMax"))
        .as("messages the channel retained for a checkpoint")
        .isLessThanOrEqualTo(TOKENS);
    assertThat(RecordingMetricReporter.maxOfGauges(jobName, "loopBacklogMax"))
        .as("messages waiting in the channel")
        .isLessThanOrEqualTo(TOKENS);
  }

  private static Set<String> failureMessages(CheckpointStatsSnapshot stats) {
    Set<String> messages = new TreeSet<>();
    for (AbstractCheckpointStats checkpoint : stats.getHistory().getCheckpoints()) {
      if (checkpoint instanceof FailedCheckpointStats failed) {
        messages.add(String.valueOf(failed.getFailureMessage()));
      }
    }
    return messages;
  }

  private static void awaitCheckpoints(MiniCluster cluster, RunningApplication app, long count) {
    Await.until(
        count + " completed checkpoints",
        Duration.ofMinutes(1),
        () -> stats(cluster, app).getCounts().getNumberOfCompletedCheckpoints() >= count);
  }

  private static CheckpointStatsSnapshot stats(MiniCluster cluster, RunningApplication app) {
    try {
      return cluster.getExecutionGraph(app.jobId()).get().getCheckpointStatsSnapshot();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Token to the number of visits it made, from its retirement reports. */
  private static Map<Integer, Integer> retired(Iterable<String> reports) {
    Map<Integer, Integer> retired = new HashMap<>();
    for (String report : reports) {
      if (report.startsWith("retired ")) {
        String[] parts = report.split(" ");
        retired.put(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
      }
    }
    return retired;
  }

  private static long visits(Iterable<String> reports) {
    long visits = 0;
    for (String report : reports) {
      if (report.contains("=")) {
        visits++;
      }
    }
    return visits;
  }

  private static Map<String, Integer> expectedCounts(
      Map<Integer, Integer> visitsByToken, Map<String, Integer> work) {
    Map<String, Integer> expected = new TreeMap<>(work);
    visitsByToken.forEach(
        (token, visits) -> {
          for (int visit = 0; visit < visits; visit++) {
            int at = (token + visit) % TokenRingModule.ADDRESSES;
            expected.merge(Integer.toString(at), 1, Integer::sum);
          }
        });
    return expected;
  }

  private static Map<String, Integer> highestCounts(Iterable<String> reports) {
    Map<String, Integer> highest = new TreeMap<>();
    for (String report : reports) {
      int eq = report.indexOf('=');
      if (eq > 0) {
        highest.merge(
            report.substring(0, eq), Integer.parseInt(report.substring(eq + 1)), Math::max);
      }
    }
    return highest;
  }
}
