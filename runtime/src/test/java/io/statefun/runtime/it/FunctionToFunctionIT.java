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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FunctionToFunctionIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  @Test
  void messagesReachFunctionsOnOtherSubtasksExactlyOnce() throws Exception {
    List<Message> input = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      input.add(
          MessageBuilder.forAddress(ChainModule.FORWARDER, "" + (i % 40)).withValue(1L).build());
    }
    ConcurrentLinkedQueue<String> out = new ConcurrentLinkedQueue<>();
    try (RunningApplication app =
        new Harness()
            .withoutModuleDiscovery()
            .withModule(ChainModule.class)
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofMillis(200))
            .withIngress(ChainModule.INGRESS, input)
            .withEgress(ChainModule.EGRESS, value -> out.add(value.as(Types.STRING)))
            .start()) {
      Await.until(
          "400 counter reports", Duration.ofMinutes(1), () -> out.size() >= 400, out::toString);
    }
    Map<String, Integer> highest = new ConcurrentHashMap<>();
    for (String report : out) {
      String[] parts = report.split("=");
      highest.merge(parts[0], Integer.parseInt(parts[1]), Math::max);
    }
    assertThat(out).hasSize(400).doesNotHaveDuplicates();
    assertThat(highest).hasSize(40).allSatisfy((id, count) -> assertThat(count).isEqualTo(10));
  }
}
