package io.statefun.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.RecordingMetricReporter;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.Message;
import io.statefun.sdk.Types;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A random program of commands (increment, async increment, send, send-after, send-after then
 * cancel through another address) runs at parallelism 2 with checkpoints every 200 ms while
 * functions throw at random points, so Flink restarts from the last checkpoint again and again. An
 * independent count says what each address's count must be; the egress (exactly-once) must show
 * every count from 1 to that number once: nothing lost, nothing doubled, including messages in the
 * feedback loop, delayed messages and unfinished async work at the failures.
 *
 * <p>Long pauses: some addresses stall for 1 to 2 s with a cancel queued behind the stall for a
 * message due in 200 to 500 ms, and each restart waits 1 s, so delayed messages pending at a
 * failure are overdue at the restore. Every cancel is sent before its due time, so no cancelled
 * message may arrive.
 */
class ExactlyOnceUnderFailuresIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final int ADDRESSES = 24;
  private static final int COMMANDS = 3000;
  private static final int FAILURES = 4;
  private static final int LONG_PAUSES = 10;

  @ParameterizedTest(name = "{0} state")
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void everyIncrementHappensExactlyOnceDespiteRestarts(String stateBackend) throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Map<String, Integer> expected = new TreeMap<>();
    List<Message> program =
        FuzzProgram.generate(random, FuzzModule.FN, ADDRESSES, COMMANDS, true, expected);
    FuzzProgram.scatterLongPauses(
        random, program, FuzzModule.FN, ADDRESSES, "STALLCANCEL", LONG_PAUSES);
    int expectedTotal = expected.values().stream().mapToInt(Integer::intValue).sum();
    long cancels = FuzzProgram.cancels(program);

    FuzzModule.reset();
    while (FuzzModule.FAIL_AT.size() < FAILURES) {
      FuzzModule.FAIL_AT.add(COMMANDS / 10 + random.nextInt(COMMANDS));
    }

    ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();
    try (RunningApplication app =
        new Harness()
            .withoutModuleDiscovery()
            .withModule(FuzzModule.class)
            .withParallelism(2)
            .withStateBackend(stateBackend)
            .withConfiguration("statefun.job-name", "fuzz-" + stateBackend)
            .withCheckpointInterval(Duration.ofMillis(200))
            .withConfiguration("restart-strategy.type", "fixed-delay")
            .withConfiguration("restart-strategy.fixed-delay.attempts", "100")
            // longer than every short delay: what was pending at a failure is overdue at restore
            .withConfiguration("restart-strategy.fixed-delay.delay", "1 s")
            .withIngress(FuzzModule.INGRESS, program, 1500)
            .withEgress(FuzzModule.EGRESS, value -> reports.add(value.as(Types.STRING)))
            .start()) {
      Await.until(
          "every address to reach its expected count and every cancel to run (seed " + seed + ")",
          Duration.ofMinutes(2),
          () -> highestCounts(reports).equals(expected) && cancelsRun(reports) == cancels,
          () ->
              "expected "
                  + expected
                  + " but saw "
                  + highestCounts(reports)
                  + "; cancels run "
                  + cancelsRun(reports)
                  + " of "
                  + cancels
                  + "; injected failures "
                  + FuzzModule.FAILURES.get());
    }

    System.out.printf(
        "exactly-once fuzz (%s, seed %d): %d cancels, %d of them behind a 1-2 s stall,"
            + " %d restarts after 1 s%n",
        stateBackend, seed, cancels, LONG_PAUSES, FuzzModule.FAILURES.get());
    assertThat(cancelledButDelivered(reports))
        .as("cancelled messages delivered (seed %d)", seed)
        .isEmpty();
    assertThat(FuzzModule.FAILURES.get()).as("injected failures").isEqualTo(FAILURES);
    assertThat(reports).as("reports (seed %d)", seed).doesNotHaveDuplicates();
    assertThat(reports.stream().filter(r -> r.contains("="))).hasSize(expectedTotal);
    assertThat(highestCounts(reports)).isEqualTo(expected);
    assertThat(RecordingMetricReporter.sum("fuzz-" + stateBackend, "produced"))
        .as("messages fed back (StateFun's feedback metric)")
        .isPositive();
  }

  /** How many cancellations functions made (each reports {@code cancel token}). */
  static long cancelsRun(Collection<String> reports) {
    return reports.stream().filter(report -> report.startsWith("cancel ")).count();
  }

  /** The reports of cancelled messages that were delivered anyway. */
  static List<String> cancelledButDelivered(Collection<String> reports) {
    return reports.stream().filter(report -> report.startsWith("cancelled ")).toList();
  }

  static Map<String, Integer> highestCounts(Iterable<String> reports) {
    Map<String, Integer> highest = new HashMap<>();
    for (int i = 0; i < ADDRESSES; i++) {
      highest.put(FuzzProgram.id(i), 0);
    }
    for (String report : reports) {
      int eq = report.indexOf('=');
      if (eq < 0) {
        continue; // a cancel's report
      }
      highest.merge(report.substring(0, eq), Integer.parseInt(report.substring(eq + 1)), Math::max);
    }
    return new TreeMap<>(highest);
  }
}
