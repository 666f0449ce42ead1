package io.statefun.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A slow batching function takes at most its bound of queued messages per invocation (the rest
 * waits for the next one), without holding up other addresses: no batch is larger than the bound,
 * and nothing is lost or reordered.
 */
class BacklogBoundIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  @Test
  void batchesNeverExceedTheBacklogBoundAndKeepTheirOrder() throws Exception {
    List<Message> input = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String id = "k" + (i % 2);
      input.add(MessageBuilder.forAddress(BacklogModule.SLOW, id).withValue(id + "-" + i).build());
      expected.add(id + "-" + i);
    }
    ConcurrentLinkedQueue<String> batches = new ConcurrentLinkedQueue<>();
    try (RunningApplication app =
        new Harness()
            .withoutModuleDiscovery()
            .withModule(BacklogModule.class)
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofMillis(200))
            .withIngress(BacklogModule.INGRESS, input)
            .withEgress(BacklogModule.EGRESS, value -> batches.add(value.as(Types.STRING)))
            .start()) {
      Await.until(
          "all 60 messages in batches",
          Duration.ofMinutes(1),
          () -> batches.stream().mapToInt(b -> b.split(",").length).sum() >= 60,
          batches::toString);
    }
    List<String> delivered = new ArrayList<>();
    for (String batch : batches) {
      List<String> messages = Arrays.asList(batch.split(","));
      assertThat(messages.size())
          .as("batch %s", batch)
          .isLessThanOrEqualTo(BacklogModule.MAX_BACKLOG);
      delivered.addAll(messages);
    }
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(expected);
    for (String id : List.of("k0", "k1")) {
      List<String> ofId = delivered.stream().filter(m -> m.startsWith(id + "-")).toList();
      List<String> inOrder = expected.stream().filter(m -> m.startsWith(id + "-")).toList();
      assertThat(ofId).as("order of %s", id).containsExactlyElementsOf(inOrder);
    }
  }
}
