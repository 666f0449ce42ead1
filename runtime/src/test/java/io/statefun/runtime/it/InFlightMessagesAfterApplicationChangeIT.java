package io.statefun.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.Context;
import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that an unaligned checkpoint holds in flight (as bytes, with no serializer snapshot)
 * reach the function they were sent to after a restore into an application with another function
 * type bound, which sorts first: a message names its function type by a code derived from the
 * type's name, not by the type's place among the application's types. A slow counter behind a fast
 * ingress keeps the ingress's network edge full; the job is cancelled after a checkpoint that
 * persisted in-flight data, and the changed application restored from it counts every message
 * exactly once and the added function gets none.
 */
class InFlightMessagesAfterApplicationChangeIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  static final TypeName INGRESS = TypeName.parse("inflight/in");
  static final TypeName EGRESS = TypeName.parse("inflight/out");
  static final TypeName COUNTER = TypeName.parse("inflight/counter");
  static final TypeName ADDED = TypeName.parse("aaa/added");
  static final ValueSpec<Long> COUNT = ValueSpec.named("count").withLongType();

  private static final int IDS = 8;
  private static final int MESSAGES = 4_000;
  private static final int PER_SECOND = 4_000;
  private static final long WORK_MICROS = 1_000;

  @Test
  void messagesInFlightReachTheirFunctionAfterAFunctionTypeIsAdded(
      @InjectMiniCluster MiniCluster cluster, @TempDir Path checkpoints) throws Exception {
    List<Message> input = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      input.add(MessageBuilder.forAddress(COUNTER, "id-" + (i % IDS)).withValue("m" + i).build());
    }

    String restoreFrom;
    try (RunningApplication before =
        harness(CounterModule.class, checkpoints)
            .withIngress(INGRESS, input, PER_SECOND)
            .withEgress(EGRESS, value -> {})
            .start()) {
      restoreFrom = awaitCheckpointWithMessagesInFlight(cluster, before);
    }

    ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();
    try (RunningApplication after =
        harness(CounterAndAddedModule.class, checkpoints)
            .withConfiguration("execution.state-recovery.path", restoreFrom)
            // the harness's collecting egress has no uid: its state does not map to the new job
            .withConfiguration("execution.state-recovery.ignore-unclaimed-state", "true")
            .withIngress(INGRESS, input, PER_SECOND)
            .withEgress(EGRESS, value -> reports.add(value.as(Types.STRING)))
            .start()) {
      Map<String, Long> expected = new TreeMap<>();
      for (int id = 0; id < IDS; id++) {
        expected.put("id-" + id, (long) (MESSAGES / IDS));
      }
      Await.until(
          "every message counted after the restore from " + restoreFrom,
          Duration.ofMinutes(1),
          () -> highestCounts(reports).equals(expected),
          () -> "saw " + highestCounts(reports) + "; the job: " + failure(cluster, after));
    }

    assertThat(reports).as("messages the added function got").noneMatch(r -> r.startsWith("added"));
    // after the restore each id counts on from its restored count, each count once
    Map<String, List<Long>> countsById = new TreeMap<>();
    for (String report : reports) {
      String[] parts = report.split("=");
      countsById.computeIfAbsent(parts[0], id -> new ArrayList<>()).add(Long.parseLong(parts[1]));
    }
    countsById.forEach(
        (id, counts) -> {
          long first = counts.stream().mapToLong(Long::longValue).min().orElseThrow();
          assertThat(counts)
              .as("counts of %s after the restore", id)
              .doesNotHaveDuplicates()
              .hasSize((int) (MESSAGES / IDS - first + 1));
        });
  }

  private static Harness harness(Class<? extends StatefulFunctionModule> module, Path checkpoints) {
    return new Harness()
        .withoutModuleDiscovery()
        .withModule(module)
        .withParallelism(2)
        .withCheckpointInterval(Duration.ofMillis(100))
        .withConfiguration("execution.checkpointing.unaligned.enabled", "true")
        .withConfiguration("execution.checkpointing.dir", checkpoints.toUri().toString())
        .withConfiguration(
            "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION")
        .withConfiguration("execution.checkpointing.num-retained", "1000");
  }

  /** The path of a completed checkpoint that persisted messages in flight. */
  private static String awaitCheckpointWithMessagesInFlight(
      MiniCluster cluster, RunningApplication app) {
    String[] found = new String[1];
    Await.until(
        "a checkpoint with messages in flight",
        Duration.ofMinutes(1),
        () -> {
          for (AbstractCheckpointStats checkpoint : history(cluster, app)) {
            if (checkpoint instanceof CompletedCheckpointStats completed
                && completed.getPersistedData() > 0
                && completed.getExternalPath() != null) {
              found[0] = completed.getExternalPath();
              return true;
            }
          }
          return false;
        });
    return found[0];
  }

  private static List<AbstractCheckpointStats> history(
      MiniCluster cluster, RunningApplication app) {
    try {
      return cluster
          .getExecutionGraph(app.jobId())
          .get()
          .getCheckpointStatsSnapshot()
          .getHistory()
          .getCheckpoints();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String failure(MiniCluster cluster, RunningApplication app) {
    try {
      var failure = cluster.getExecutionGraph(app.jobId()).get().getFailureInfo();
      return app.status() + (failure == null ? "" : ", " + failure.getExceptionAsString());
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static Map<String, Long> highestCounts(Iterable<String> reports) {
    Map<String, Long> highest = new TreeMap<>();
    for (String report : reports) {
      String[] parts = report.split("=");
      if (parts.length == 2) {
        highest.merge(parts[0], Long.parseLong(parts[1]), Math::max);
      }
    }
    return highest;
  }

  /** A slow counter: holds the task thread for a while per message, so the ingress edge fills. */
  public static final class CounterModule implements StatefulFunctionModule {
    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindIngress(ChainModule.placeholderIngress(INGRESS));
      binder.bindEgress(ChainModule.placeholderEgress(EGRESS));
      binder.bindFunction(
          StatefulFunctionSpec.builder(COUNTER)
              .withValueSpecs(COUNT)
              .withSupplier(() -> CounterModule::count)
              .build());
    }

    private static CompletableFuture<Void> count(Context context, Message message) {
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(WORK_MICROS)); // deliberately slow
      long count = context.storage().get(COUNT).orElse(0L) + 1;
      context.storage().set(COUNT, count);
      context.send(
          EgressMessageBuilder.forEgress(EGRESS)
              .withValue(context.self().id() + "=" + count)
              .build());
      return context.done();
    }
  }

  /** The counter and a function type that sorts before it and reports any message it gets. */
  public static final class CounterAndAddedModule implements StatefulFunctionModule {
    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      new CounterModule().configure(globalConfiguration, binder);
      binder.bindFunction(
          StatefulFunctionSpec.builder(ADDED)
              .withSupplier(
                  () ->
                      (context, message) -> {
                        context.send(
                            EgressMessageBuilder.forEgress(EGRESS)
                                .withValue("added " + context.self())
                                .build());
                        return context.done();
                      })
              .build());
    }
  }
}
