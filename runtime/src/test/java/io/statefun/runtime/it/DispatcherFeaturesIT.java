package io.statefun.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.RecordingMetricReporter;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Async ordering across threads and undeliverable messages on a MiniCluster at parallelism 2.
 * Delays, cancellation and TTL are driven by the operator test harness's clock instead ({@code
 * FunctionDispatcherOperatorTest}).
 */
class DispatcherFeaturesIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private final ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();

  private RunningApplication run(String jobName, List<Message> input) throws Exception {
    return new Harness()
        .withConfiguration("statefun.job-name", jobName)
        .withoutModuleDiscovery()
        .withModule(FeaturesModule.class)
        .withParallelism(2)
        .withCheckpointInterval(Duration.ofMillis(100))
        .withIngress(FeaturesModule.INGRESS, input)
        .withEgress(FeaturesModule.EGRESS, value -> reports.add(value.as(Types.STRING)))
        .start();
  }

  @Test
  void asyncCompletionsKeepTheOrderOfEachAddress() throws Exception {
    List<Message> input = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int id = 0; id < 4; id++) {
      StringBuilder seen = new StringBuilder();
      for (int i = 0; i < 15; i++) {
        input.add(FeaturesModule.to(FeaturesModule.SLOW, "k" + id, "" + i));
        seen.append(i == 0 ? "" : ",").append(i);
        expected.add("k" + id + ":" + seen);
      }
    }
    try (RunningApplication app = run("features-async", input)) {
      Await.until(
          "60 reports", Duration.ofSeconds(30), () -> reports.size() >= 60, reports::toString);
    }
    assertThat(reports).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void messagesToUnboundTypesAreCountedAndTheJobGoesOn() throws Exception {
    List<Message> input =
        List.of(
            MessageBuilder.forAddress(TypeName.parse("nobody/here"), "x").withValue("lost").build(),
            FeaturesModule.to(FeaturesModule.ECHO, "after", "still running"));
    try (RunningApplication app = run("features-unbound", input)) {
      Await.until("the echo", Duration.ofSeconds(30), () -> !reports.isEmpty(), reports::toString);
      Await.until(
          "the undeliverable counter",
          Duration.ofSeconds(30),
          () -> RecordingMetricReporter.sum("features-unbound", "undeliverable") == 1,
          () -> RecordingMetricReporter.describe("features-unbound"));
      // StateFun's per function type names, under functions.<namespace>.<name>
      Await.until(
          "the echo's metrics",
          Duration.ofSeconds(30),
          () ->
              RecordingMetricReporter.sum("functions.features.echo", "in") == 1
                  && RecordingMetricReporter.sum("functions.features.echo", "outEgress") == 1,
          () -> RecordingMetricReporter.describe("functions.features.echo"));
    }
    assertThat(reports).containsExactly("after:still running");
  }
}
