package io.statefun.runtime.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two applications at parallelism 2 in one cluster at the same time, as in a Flink session cluster,
 * each sending every message over the feedback loop: each gets its own channels, and once both are
 * cancelled (and one submitted again and cancelled) the registry holds nothing.
 */
class FeedbackChannelsIT {
  private static final TypeName IN = TypeName.parse("loop/in");
  private static final TypeName OUT = TypeName.parse("loop/out");
  private static final TypeName FORWARDER = TypeName.parse("loop/forwarder");
  private static final TypeName ECHO = TypeName.parse("loop/echo");
  private static final int MESSAGES = 40;

  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  @Test
  void concurrentAndResubmittedJobsKeepTheirOwnChannelsAndReleaseThem() throws Exception {
    Queue<String> first = new ConcurrentLinkedQueue<>();
    Queue<String> second = new ConcurrentLinkedQueue<>();
    try (RunningApplication a = start("a", first);
        RunningApplication b = start("b", second)) {
      await(() -> first.size() == MESSAGES && second.size() == MESSAGES);
      assertThat(a.jobId()).isNotEqualTo(b.jobId());
    }
    assertThat(first).allMatch(line -> line.startsWith("a:")).doesNotHaveDuplicates();
    assertThat(second).allMatch(line -> line.startsWith("b:")).doesNotHaveDuplicates();

    Queue<String> again = new ConcurrentLinkedQueue<>();
    try (RunningApplication a = start("a", again)) {
      await(() -> again.size() == MESSAGES);
    }
    await(() -> FeedbackChannels.held() == 0);
  }

  @Test
  void jobsCancelledWhileTheirTasksStartLeaveNothingHeld() throws Exception {
    // cancelled during deployment, a sink may open after its dispatcher closed, or the other way
    for (int i = 0; i < 3; i++) {
      start("early-" + i, new ConcurrentLinkedQueue<>()).close();
    }
    await(() -> FeedbackChannels.held() == 0);
  }

  private static RunningApplication start(String tag, Queue<String> out) throws Exception {
    List<Message> input = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      input.add(MessageBuilder.forAddress(FORWARDER, "" + i).withValue(tag).build());
    }
    return new Harness()
        .withoutModuleDiscovery()
        .withModule(LoopModule.class)
        .withParallelism(2)
        .withCheckpointInterval(Duration.ofMillis(200))
        .withIngress(IN, input)
        .withEgress(OUT, value -> out.add(value.as(Types.STRING)))
        .start();
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // polling interval
    }
  }

  /** A forwarder that sends each message to an echo at another id, usually on another subtask. */
  public static final class LoopModule implements StatefulFunctionModule {
    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindFunction(
          StatefulFunctionSpec.builder(FORWARDER)
              .withSupplier(
                  () ->
                      (context, message) -> {
                        context.send(
                            MessageBuilder.forAddress(ECHO, "e" + context.self().id())
                                .withTypedValue(message.payload())
                                .build());
                        return context.done();
                      })
              .build());
      binder.bindFunction(
          StatefulFunctionSpec.builder(ECHO)
              .withSupplier(
                  () ->
                      (context, message) -> {
                        context.send(
                            EgressMessageBuilder.forEgress(OUT)
                                .withValue(message.asString() + ":" + context.self().id())
                                .build());
                        return context.done();
                      })
              .build());
    }
  }
}
