package io.statefun.http.playground.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.http.playground.PlaygroundEgressSpec;
import io.statefun.http.playground.topics.PlaygroundEgressServers;
import io.statefun.http.playground.topics.PlaygroundTopics;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The egress operator with checkpoints driven by Flink's test harness: a record is readable only
 * once the checkpoint that holds it completes, a restore adds no duplicate, and a bad value is
 * dropped and counted without failing anything.
 */
class PlaygroundEgressOperatorTest {

  @Test
  void aRecordIsReadableOnlyWhenTheCheckpointThatHoldsItCompletes() throws Exception {
    PlaygroundEgressSpec spec = PlaygroundEgressSpec.of(freePort(), Set.of("greetings"));
    try (OneInputStreamOperatorTestHarness<TypedValue, Void> harness = harness(spec)) {
      harness.open();
      PlaygroundTopics topics = acquire(harness, spec);
      try {
        harness.processElement(new StreamRecord<>(record("greetings", "first")));
        harness.snapshot(1, 1);
        harness.processElement(new StreamRecord<>(record("greetings", "second")));
        assertThat(topics.take("greetings")).as("held until checkpoint 1 completes").isNull();

        harness.notifyOfCompletedCheckpoint(1);
        assertThat(topics.take("greetings")).isEqualTo("first");
        assertThat(topics.take("greetings")).as("arrived after checkpoint 1").isNull();

        harness.snapshot(2, 2);
        harness.notifyOfCompletedCheckpoint(2);
        assertThat(topics.take("greetings")).isEqualTo("second");
      } finally {
        release(harness, spec);
      }
    }
  }

  @Test
  void aRestoreAddsNoDuplicateOfWhatWasPublishedBeforeTheFailover() throws Exception {
    assertThat(restoreAfterAFailure(true)).containsExactly("before", "pending", "after");
  }

  @Test
  void aRestorePublishesWhatTheFailoverKeptFromBeingPublished() throws Exception {
    assertThat(restoreAfterAFailure(false)).containsExactly("before", "pending", "after");
  }

  /**
   * Checkpoint 2 holds "pending"; the job fails after it completed, with or without the operator
   * having heard so. Returns every payload readers got, in order.
   */
  private static List<String> restoreAfterAFailure(boolean notifiedBeforeTheFailure)
      throws Exception {
    PlaygroundEgressSpec spec = PlaygroundEgressSpec.of(freePort(), Set.of("greetings"));
    JobID job = new JobID();
    // the test holds the topics as a reader would: they outlive the failed subtask
    PlaygroundTopics topics = PlaygroundEgressServers.acquire(job.toString(), spec);
    List<String> read = new ArrayList<>();
    try {
      OperatorSubtaskState checkpoint2;
      try (OneInputStreamOperatorTestHarness<TypedValue, Void> harness = harness(spec, job)) {
        harness.open();
        harness.processElement(new StreamRecord<>(record("greetings", "before")));
        harness.snapshot(1, 1);
        harness.notifyOfCompletedCheckpoint(1);
        harness.processElement(new StreamRecord<>(record("greetings", "pending")));
        checkpoint2 = harness.snapshot(2, 2);
        if (notifiedBeforeTheFailure) {
          harness.notifyOfCompletedCheckpoint(2);
        }
        harness.processElement(new StreamRecord<>(record("greetings", "never checkpointed")));
        read.addAll(drain(topics));
      }
      try (OneInputStreamOperatorTestHarness<TypedValue, Void> restored = harness(spec, job)) {
        restored.initializeState(checkpoint2);
        restored.open();
        restored.processElement(new StreamRecord<>(record("greetings", "after")));
        restored.snapshot(3, 3);
        restored.notifyOfCompletedCheckpoint(3);
        read.addAll(drain(topics));
      }
    } finally {
      PlaygroundEgressServers.release(job.toString(), spec);
    }
    return read;
  }

  @Test
  void aValueThatIsNoRecordIsDroppedAndCounted() throws Exception {
    PlaygroundEgressSpec spec = PlaygroundEgressSpec.of(freePort(), Set.of("greetings"));
    try (OneInputStreamOperatorTestHarness<TypedValue, Void> harness = harness(spec)) {
      harness.open();
      PlaygroundTopics topics = acquire(harness, spec);
      try {
        harness.processElement(new StreamRecord<>(TypedValue.of(Types.STRING, "hello")));
        harness.processElement(new StreamRecord<>(raw("{not json")));
        harness.processElement(
            new StreamRecord<>(raw("{\"topic\": \"nonsense\", \"payload\": 1}")));
        harness.processElement(new StreamRecord<>(raw("{\"topic\": \"greetings\"}")));
        harness.processElement(new StreamRecord<>(record("greetings", "good")));
        harness.snapshot(1, 1);
        harness.notifyOfCompletedCheckpoint(1);

        assertThat(drain(topics)).containsExactly("good");
      } finally {
        release(harness, spec);
      }
    }
  }

  private static OneInputStreamOperatorTestHarness<TypedValue, Void> harness(
      PlaygroundEgressSpec spec) throws Exception {
    return harness(spec, new JobID());
  }

  private static OneInputStreamOperatorTestHarness<TypedValue, Void> harness(
      PlaygroundEgressSpec spec, JobID job) throws Exception {
    return new OneInputStreamOperatorTestHarness<>(
        new PlaygroundEgressOperator(spec), new MockEnvironmentBuilder().setJobID(job).build());
  }

  private static String jobId(OneInputStreamOperatorTestHarness<TypedValue, Void> harness) {
    return harness.getOperator().getRuntimeContext().getJobInfo().getJobId().toString();
  }

  private static PlaygroundTopics acquire(
      OneInputStreamOperatorTestHarness<TypedValue, Void> harness, PlaygroundEgressSpec spec) {
    return PlaygroundEgressServers.acquire(jobId(harness), spec);
  }

  private static void release(
      OneInputStreamOperatorTestHarness<TypedValue, Void> harness, PlaygroundEgressSpec spec) {
    PlaygroundEgressServers.release(jobId(harness), spec);
  }

  private static List<String> drain(PlaygroundTopics topics) {
    List<String> payloads = new ArrayList<>();
    String payload;
    while ((payload = topics.take("greetings")) != null) {
      payloads.add(payload);
    }
    return payloads;
  }

  private static TypedValue record(String topic, String payload) {
    return raw("{\"topic\": \"" + topic + "\", \"payload\": \"" + payload + "\"}");
  }

  private static TypedValue raw(String json) {
    return new TypedValue(PlaygroundEgressSpec.RECORD_TYPE, json.getBytes(StandardCharsets.UTF_8));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
