package io.statefun.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.remote.http.TestEndpoint;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.RecordingMetricReporter;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import io.statefun.sdk.remote.RequestReplyHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A remote function type publishes StateFun's remote-invocation metrics under StateFun 3.3's names
 * ({@code functions.<namespace>.<name>.remoteInvocationFailures} and so on), as a metric reporter
 * sees them.
 */
class RemoteFunctionMetricsIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final TypeName ECHO = TypeName.parse("metered/echo");
  private static final TypeName INGRESS = TypeName.parse("metered/in");
  private static final TypeName OUT = TypeName.parse("metered/out");
  private static final TypeName DEAD_LETTERS = TypeName.parse("metered/dead-letters");
  private static final String GROUP = ".functions.metered.echo.";

  private static final RequestReplyHandler ECHO_HANDLER =
      RequestReplyHandler.of(
          StatefulFunctionSpec.builder(ECHO)
              .withSupplier(
                  () ->
                      (context, message) -> {
                        context.send(
                            EgressMessageBuilder.forEgress(OUT)
                                .withValue(context.self().id())
                                .build());
                        return context.done();
                      })
              .build());

  @Test
  void failuresAndLatencyArePublishedUnderStateFunsNames() throws Exception {
    List<Message> input = new ArrayList<>();
    for (int id = 0; id < 6; id++) {
      input.add(MessageBuilder.forAddress(ECHO, "id" + id).withValue("hi").build());
    }
    ConcurrentLinkedQueue<String> out = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Object> deadLetters = new ConcurrentLinkedQueue<>();
    TestEndpoint.Script missingForTwo =
        (number, request) ->
            request.getInvocation().getTarget().getId().matches("id[01]")
                ? TestEndpoint.Canned.status(404)
                : null;
    try (TestEndpoint endpoint = TestEndpoint.start(0, ECHO_HANDLER::handle, missingForTwo)) {
      String yaml =
          """
          kind: io.statefun.endpoints.v2/http
          spec:
            functions: metered/echo
            urlPathTemplate: %s
            deadLetterEgress: metered/dead-letters
          """
              .formatted(endpoint.url("/statefun"));
      try (RunningApplication app =
          new Harness()
              .withoutModuleDiscovery()
              .withModuleYaml("module.yaml", yaml)
              .withParallelism(2)
              .withIngress(INGRESS, input)
              .withEgress(OUT, value -> out.add(value.as(Types.STRING)))
              .withEgress(DEAD_LETTERS, deadLetters::add)
              .start()) {
        Await.until(
            "every message answered or dead-lettered",
            Duration.ofMinutes(1),
            () -> out.size() + deadLetters.size() >= input.size(),
            () -> "answers " + out + ", dead letters " + deadLetters.size());
      }
    }

    long failures =
        sum(RemoteFunctionMetrics.FAILURES, Counter.class, counter -> counter.getCount());
    long latencies = sum(RemoteFunctionMetrics.LATENCY, Histogram.class, Histogram::getCount);
    assertThat(failures).isEqualTo(2);
    assertThat(latencies).isEqualTo(input.size());
    assertThat(RecordingMetricReporter.find(GROUP + RemoteFunctionMetrics.FAILURES_RATE))
        .get()
        .isInstanceOf(Meter.class);
    assertThat(RecordingMetricReporter.find(GROUP + RemoteFunctionMetrics.IN_FLIGHT))
        .get()
        .isInstanceOf(Gauge.class);
  }

  /** The sum over both subtasks of one metric of the echo type. */
  private static <M> long sum(
      String name, Class<M> kind, java.util.function.ToLongFunction<M> value) {
    long total = 0;
    int found = 0;
    for (String subtask : List.of(".0" + GROUP, ".1" + GROUP)) {
      var metric = RecordingMetricReporter.find(subtask + name);
      if (metric.isPresent()) {
        total += value.applyAsLong(kind.cast(metric.get()));
        found++;
      }
    }
    assertThat(found)
        .as("%s on each subtask; recorded: %s", name, RecordingMetricReporter.describe(GROUP))
        .isEqualTo(2);
    return total;
  }
}
