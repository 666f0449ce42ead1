package io.statefun.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
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
 * Delayed messages, cancellation, async ordering, TTL and undeliverable messages, at parallelism 2.
 */
class DispatcherFeaturesIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private final ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();

  private RunningApplication run(List<Message> input) throws Exception {
    return new Harness()
        .withoutModuleDiscovery()
        .withModule(FeaturesModule.class)
        .withParallelism(2)
        .withCheckpointInterval(Duration.ofMillis(100))
        .withIngress(FeaturesModule.INGRESS, input)
        .withEgress(FeaturesModule.EGRESS, value -> reports.add(value.as(Types.STRING)))
        .start();
  }

  private static Message schedule(String command) {
    return FeaturesModule.to(FeaturesModule.SCHEDULER, "s", command);
  }

  // delays are long next to the time between two ingress records, so a slow machine cannot let a
  // message fire before the later command that cancels or replaces it
  @Test
  void delayedMessagesArriveAndCancelledOnesNever() throws Exception {
    List<Message> input =
        List.of(
            schedule("AFTER 1500 cancelled e1 must-not-arrive"),
            schedule("AFTER 200 - e2 plain"),
            schedule("AFTER 1500 replaced e3 first"),
            schedule("AFTER 1500 replaced e3 second"),
            schedule("CANCEL cancelled"),
            schedule("CANCEL never-scheduled"),
            schedule("AFTER 2500 - e4 marker"));
    try (RunningApplication app = run(input)) {
      Await.until(
          "the marker",
          Duration.ofSeconds(30),
          () -> reports.contains("e4:marker"),
          reports::toString);
    }
    assertThat(reports).containsExactlyInAnyOrder("e2:plain", "e3:second", "e4:marker");
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
    try (RunningApplication app = run(input)) {
      Await.until(
          "60 reports", Duration.ofSeconds(30), () -> reports.size() >= 60, reports::toString);
    }
    assertThat(reports).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void valuesExpireAfterTheirTimeToLive() throws Exception {
    try (RunningApplication app =
        run(List.of(FeaturesModule.to(FeaturesModule.TTL, "t", "SET v")))) {
      Await.until(
          "two reads", Duration.ofSeconds(30), () -> reports.size() >= 2, reports::toString);
    }
    assertThat(reports).containsExactly("t:v", "t:absent");
  }

  @Test
  void messagesToUnboundTypesAreReportedAndTheJobGoesOn() throws Exception {
    List<Message> input =
        List.of(
            MessageBuilder.forAddress(TypeName.parse("nobody/here"), "x").withValue("lost").build(),
            FeaturesModule.to(FeaturesModule.ECHO, "after", "still running"));
    try (RunningApplication app = run(input)) {
      Await.until("the echo", Duration.ofSeconds(30), () -> !reports.isEmpty(), reports::toString);
    }
    assertThat(reports).containsExactly("after:still running");
  }
}
