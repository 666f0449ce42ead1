package io.statefun.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.remote.http.TestEndpoint;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.remote.RequestReplyHandler;
import io.statefun.sdk.reqreply.generated.FromFunction;
import io.statefun.sdk.reqreply.generated.ToFunction;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What happens when a remote function's endpoint misbehaves: down at the start, answering 5xx or
 * 429, answering too slowly, or answering garbage, a wrong content type or 404. Retryable trouble
 * is retried within the call budget; the rest goes to the dead-letter egress, or fails the job with
 * an error naming the address and URL. Every message is counted: none is lost.
 */
class RemoteFunctionFailuresIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final TypeName ECHO = TypeName.parse("fail/echo");
  private static final TypeName INGRESS = TypeName.parse("fail/in");
  private static final TypeName OUT = TypeName.parse("fail/out");
  private static final TypeName DEAD_LETTERS = TypeName.parse("fail/dead-letters");
  private static final ValueSpec<Integer> SEEN = ValueSpec.named("seen").withIntType();

  private static final RequestReplyHandler ECHO_HANDLER =
      RequestReplyHandler.of(
          StatefulFunctionSpec.builder(ECHO)
              .withValueSpecs(SEEN)
              .withSupplier(
                  () ->
                      (context, message) -> {
                        int seen = context.storage().get(SEEN).orElse(0) + 1;
                        context.storage().set(SEEN, seen);
                        context.send(
                            EgressMessageBuilder.forEgress(OUT)
                                .withValue(context.self().id() + " #" + seen)
                                .build());
                        return context.done();
                      })
              .build());

  @Test
  void downAtStartServerErrorsAndSlowAnswersAreRetriedUntilEverythingIsServed() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort(); // free now; the endpoint comes up here only after the job runs
    }
    List<Message> input = messages("id-", 20, 3);
    ConcurrentLinkedQueue<String> out = new ConcurrentLinkedQueue<>();
    String yaml =
        """
        kind: io.statefun.endpoints.v2/http
        spec:
          functions: fail/echo
          urlPathTemplate: http://127.0.0.1:%d/{function.name}
          transport:
            type: io.statefun.transports.v1/okhttp
            timeouts: {call: 40s, connect: 2s, read: 500ms, write: 2s}
        """
            .formatted(port);
    try (RunningApplication app = harness(yaml, input, out).start()) {
      Await.until(
          "the job to run",
          Duration.ofMinutes(1),
          () -> status(app) == JobStatus.RUNNING,
          () -> "");
      TestEndpoint.Script script =
          (number, request) ->
              switch (number) {
                case 1 -> TestEndpoint.Canned.status(500);
                case 2 -> TestEndpoint.Canned.status(503);
                case 3 -> TestEndpoint.Canned.status(429);
                case 4, 5 -> TestEndpoint.Canned.handlerAfter(Duration.ofSeconds(3)); // > read
                default -> null;
              };
      try (TestEndpoint endpoint = TestEndpoint.start(port, ECHO_HANDLER::handle, script)) {
        Await.until(
            input.size() + " answers",
            Duration.ofMinutes(1),
            () -> out.size() >= input.size(),
            () -> "got " + out.size() + " after " + endpoint.requests() + " requests");
        assertThat(endpoint.requests()).isGreaterThan(5);
      }
    }
    assertThat(out).hasSize(input.size()).doesNotHaveDuplicates();
    for (int id = 0; id < 20; id++) {
      assertThat(out).contains("id-" + id + " #3");
    }
  }

  @Test
  void badAnswersGoToTheDeadLetterEgressAndNothingIsLost() throws Exception {
    List<Message> input = new ArrayList<>(messages("good-", 10, 2));
    List<String> poisons =
        List.of(
            "garbage",
            "html",
            "missing",
            "down",
            "truncated",
            "request",
            "empty",
            "undeclared",
            "negative");
    for (String poison : poisons) {
      input.addAll(messages(poison, 1, 2));
    }
    input.addAll(messages("stranger", 1, 2));
    TestEndpoint.Script script =
        (number, request) ->
            switch (request.getInvocation().getTarget().getId()) {
              case "garbage0" ->
                  TestEndpoint.Canned.body(
                      "application/octet-stream",
                      "this is not protobuf".getBytes(StandardCharsets.UTF_8));
              case "html0" ->
                  TestEndpoint.Canned.body(
                      "text/html", "<html>wrong server</html>".getBytes(StandardCharsets.UTF_8));
              case "missing0" -> TestEndpoint.Canned.status(404);
              case "down0" -> TestEndpoint.Canned.status(503);
              case "truncated0" -> octets(Arrays.copyOf(writeUndeclared(), 5));
              case "request" + "0" -> octets(request.toByteArray());
              case "empty0" -> octets(new byte[0]);
              case "undeclared0" -> octets(writeUndeclared());
              case "negative0" -> octets(sendAfter(-5, "fail/echo", "x"));
              case "stranger0" -> octets(sendAfter(0, "nowhere/nobody", "x"));
              default -> null;
            };
    ConcurrentLinkedQueue<String> out = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<ToFunction> deadLetters = new ConcurrentLinkedQueue<>();
    try (TestEndpoint endpoint = TestEndpoint.start(0, ECHO_HANDLER::handle, script)) {
      String yaml =
          """
          kind: io.statefun.endpoints.v2/http
          spec:
            functions: fail/*
            urlPathTemplate: %s
            transport: {call: 2s, connect: 1s}
            deadLetterEgress: fail/dead-letters
          """
              .formatted(endpoint.url("/{function.name}"));
      try (RunningApplication app =
          harness(yaml, input, out)
              .withEgress(
                  DEAD_LETTERS,
                  value -> {
                    assertThat(value.typeName().canonical())
                        .isEqualTo(RemoteFunction.DEAD_LETTER_TYPE_NAME);
                    try {
                      deadLetters.add(ToFunction.parseFrom(value.value()));
                    } catch (Exception e) {
                      throw new AssertionError(e);
                    }
                  })
              .start()) {
        Await.until(
            "every message answered or dead-lettered",
            Duration.ofMinutes(1),
            () -> out.size() + deadLetters.size() >= input.size() - 2,
            () -> "answers " + out + ", dead letters " + deadLetters.size());
      }
    }
    // the stranger's messages were answered (with a send to a type nobody binds, which the
    // dispatcher logs and counts as undeliverable), so they are neither answered nor dead letters
    assertThat(out).hasSize(20).doesNotHaveDuplicates();
    List<String> expectedDeadLetters = new ArrayList<>();
    for (String poison : poisons) {
      expectedDeadLetters.add(poison + "0");
      expectedDeadLetters.add(poison + "0");
    }
    assertThat(deadLetters)
        .extracting(letter -> letter.getInvocation().getTarget().getId())
        .containsExactlyInAnyOrderElementsOf(expectedDeadLetters);
    assertThat(deadLetters)
        .allSatisfy(
            letter -> {
              assertThat(letter.getInvocation().getTarget().getNamespace()).isEqualTo("fail");
              assertThat(letter.getInvocation().getInvocationsCount()).isEqualTo(1);
            });
  }

  @Test
  void withoutADeadLetterEgressAFailedCallFailsTheJobNamingAddressAndUrl() throws Exception {
    try (TestEndpoint endpoint =
        TestEndpoint.start(0, ECHO_HANDLER::handle, (n, r) -> TestEndpoint.Canned.status(404))) {
      String yaml =
          """
          kind: io.statefun.endpoints.v2/http
          spec:
            functions: fail/echo
            urlPathTemplate: %s
          """
              .formatted(endpoint.url("/statefun"));
      try (RunningApplication app =
          harness(yaml, messages("lonely", 1, 1), new ConcurrentLinkedQueue<>())
              .withConfiguration("restart-strategy.type", "none")
              .start()) {
        Await.until(
            "the job to fail",
            Duration.ofMinutes(1),
            () -> status(app) == JobStatus.FAILED,
            () -> "");
        String failure;
        try {
          app.jobClient().getJobExecutionResult().get(30, TimeUnit.SECONDS);
          throw new AssertionError("the job should have failed");
        } catch (Exception e) {
          failure = ExceptionUtils.stringifyException(e);
        }
        assertThat(failure)
            .contains("Remote invocation of fail/echo/lonely0")
            .contains("Calling function fail/echo/lonely0 at " + endpoint.url("/statefun"))
            .contains("HTTP 404");
      }
    }
  }

  @Test
  void withoutADeadLetterEgressABadReplyFailsTheJobSayingWhatWasWrong() throws Exception {
    try (TestEndpoint endpoint =
        TestEndpoint.start(0, ECHO_HANDLER::handle, (n, r) -> octets(new byte[0]))) {
      String yaml =
          """
          kind: io.statefun.endpoints.v2/http
          spec:
            functions: fail/echo
            urlPathTemplate: %s
          """
              .formatted(endpoint.url("/statefun"));
      try (RunningApplication app =
          harness(yaml, messages("empty", 1, 1), new ConcurrentLinkedQueue<>())
              .withConfiguration("restart-strategy.type", "none")
              .start()) {
        String failure;
        try {
          app.jobClient().getJobExecutionResult().get(1, TimeUnit.MINUTES);
          throw new AssertionError("the job should have failed");
        } catch (Exception e) {
          failure = ExceptionUtils.stringifyException(e);
        }
        assertThat(failure)
            .contains(
                "Function fail/echo/empty0 at "
                    + endpoint.url("/statefun")
                    + " answered with an empty body");
      }
    }
  }

  private static TestEndpoint.Canned octets(byte[] body) {
    return TestEndpoint.Canned.body("application/octet-stream", body);
  }

  /** A reply that writes value 'other', which the function never declared. */
  private static byte[] writeUndeclared() {
    return FromFunction.newBuilder()
        .setInvocationResult(
            FromFunction.InvocationResponse.newBuilder()
                .addStateMutations(
                    FromFunction.PersistedValueMutation.newBuilder()
                        .setMutationType(FromFunction.PersistedValueMutation.MutationType.MODIFY)
                        .setStateName("other")
                        .setStateValue(
                            io.statefun.sdk.reqreply.generated.TypedValue.newBuilder()
                                .setTypename("io.statefun.types/int")
                                .setHasValue(true)
                                .setValue(ByteString.copyFrom(Types.INT.serialize(1))))))
        .build()
        .toByteArray();
  }

  /** A reply that sends "hi" to {@code type}/{@code id} after {@code delayMillis}. */
  private static byte[] sendAfter(long delayMillis, String type, String id) {
    TypeName target = TypeName.parse(type);
    return FromFunction.newBuilder()
        .setInvocationResult(
            FromFunction.InvocationResponse.newBuilder()
                .addDelayedInvocations(
                    FromFunction.DelayedInvocation.newBuilder()
                        .setDelayInMs(delayMillis)
                        .setTarget(
                            io.statefun.sdk.reqreply.generated.Address.newBuilder()
                                .setNamespace(target.namespace())
                                .setType(target.name())
                                .setId(id))
                        .setArgument(
                            io.statefun.sdk.reqreply.generated.TypedValue.newBuilder()
                                .setTypename("io.statefun.types/string")
                                .setHasValue(true)
                                .setValue(ByteString.copyFrom(Types.STRING.serialize("hi"))))))
        .build()
        .toByteArray();
  }

  private static Harness harness(
      String yaml, List<Message> input, ConcurrentLinkedQueue<String> out) {
    return new Harness()
        .withoutModuleDiscovery()
        .withModuleYaml("module.yaml", yaml)
        .withParallelism(2)
        .withCheckpointInterval(Duration.ofMillis(200))
        .withIngress(INGRESS, input)
        .withEgress(OUT, value -> out.add(value.as(Types.STRING)));
  }

  private static List<Message> messages(String prefix, int ids, int perId) {
    List<Message> messages = new ArrayList<>();
    for (int round = 0; round < perId; round++) {
      for (int id = 0; id < ids; id++) {
        messages.add(MessageBuilder.forAddress(ECHO, prefix + id).withValue("hi").build());
      }
    }
    return messages;
  }

  private static JobStatus status(RunningApplication app) {
    try {
      return app.status();
    } catch (Exception e) {
      return null;
    }
  }
}
