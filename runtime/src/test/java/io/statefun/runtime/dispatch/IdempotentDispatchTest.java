package io.statefun.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.config.StatefunOptions.UndeliverablePolicy;
import io.statefun.runtime.feedback.FeedbackChannels;
import io.statefun.runtime.ingress.IngressCallerId;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.RuntimeTypes;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests with an idempotency key on the dispatcher operator (Flink's operator test harness): two
 * ingresses' reply types take keys, a third does not; {@link ReplyingTestModule} counts, reports to
 * an egress and replies. The test drives snapshots, restores, state TTL time and the mailbox.
 */
class IdempotentDispatchTest {
  static final TypeName REPLY_TYPE = TypeName.parse("io.statefun.test.reply/one");
  private static final TypeName OTHER_INGRESS = TypeName.parse("io.statefun.test.reply/two");
  private static final TypeName WITHOUT_KEYS = TypeName.parse("io.statefun.test.reply/three");
  private static final Duration RETENTION = Duration.ofMinutes(10);
  private static final OutputTag<TypedValue> EGRESS =
      new OutputTag<>("egress-idem/out", RuntimeTypes.TYPED_VALUE);
  private static final Map<TypeName, OutputTag<Envelope>> REPLIES =
      Map.of(
          REPLY_TYPE, new OutputTag<>("replies-one", RuntimeTypes.ENVELOPE),
          OTHER_INGRESS, new OutputTag<>("replies-two", RuntimeTypes.ENVELOPE),
          WITHOUT_KEYS, new OutputTag<>("replies-three", RuntimeTypes.ENVELOPE));

  private KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Envelope> harness;

  @BeforeEach
  void reset() {
    ReplyingTestModule.reset();
  }

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void aRepeatedKeyTakesEffectOnceAndGetsTheFirstReply() throws Exception {
    open(null);
    request("a", "r1", "k", "COUNT");
    request("a", "r2", "k", "COUNT");
    request("a", "r3", null, "COUNT");

    assertThat(reports()).containsExactly("a:1", "a:2");
    assertThat(replies(REPLY_TYPE)).containsExactly("r1=1", "r2=1", "r3=2");
  }

  @Test
  void repeatsWhileTheFirstIsInProgressWaitAndAllGetItsReply() throws Exception {
    open(null);
    request("a", "r1", "k", "WAIT");
    request("a", "r2", "k", "WAIT");
    request("a", "r3", "k", "WAIT");
    assertThat(replies(REPLY_TYPE)).isEmpty();

    ReplyingTestModule.complete("a");
    runMails();

    assertThat(reports()).containsExactly("a:1");
    assertThat(replies(REPLY_TYPE)).containsExactly("r1=1", "r2=1", "r3=1");
  }

  @Test
  void theScopeIsIngressAddressAndKey() throws Exception {
    open(null);
    request("a", "r1", "k", "COUNT");
    request("b", "r2", "k", "COUNT");
    send(OTHER_INGRESS, "a", "r3", "k", "COUNT");
    send(WITHOUT_KEYS, "a", "r4", "k", "COUNT");
    send(WITHOUT_KEYS, "a", "r5", "k", "COUNT");

    assertThat(reports()).containsExactly("a:1", "b:1", "a:2", "a:3", "a:4");
    assertThat(replies(OTHER_INGRESS)).containsExactly("r3=2");
    assertThat(replies(WITHOUT_KEYS)).containsExactly("r4#k=3", "r5#k=4");
  }

  @Test
  void theRecordSurvivesARestoreInProgressAndReplied() throws Exception {
    open(null);
    request("done", "r1", "k", "COUNT");
    request("busy", "r2", "k", "WAIT");
    harness.prepareSnapshotPreBarrier(1); // as the task does before the snapshot
    OperatorSubtaskState snapshot = harness.snapshot(1, 0);
    harness.close();

    ReplyingTestModule.reset();
    open(snapshot);
    // the feedback sink's hand-over of the loop's restored messages: there were none
    FeedbackChannels.Key loop =
        new FeedbackChannels.Key(harness.getEnvironment().getJobID().toString(), 0, 0);
    FeedbackChannels.acquire(loop).markRestoreHandedOver();
    FeedbackChannels.release(loop);
    runMails(); // the unfinished invocation of "busy" is invoked again
    request("done", "r3", "k", "COUNT");
    request("busy", "r4", "k", "COUNT");
    assertThat(replies(REPLY_TYPE)).containsExactly("r3=1");

    ReplyingTestModule.complete("busy");
    runMails();
    // r2's client got 503 at the failure: the operator drops that reply; r4 gets it
    assertThat(replies(REPLY_TYPE)).containsExactly("r3=1", "r2=1", "r4=1");
    assertThat(reports()).containsExactly("busy:1");
  }

  @Test
  void aKeyIsForgottenOnceTheRetentionPassedSinceItsReply() throws Exception {
    open(null);
    harness.setStateTtlProcessingTime(0);
    request("a", "r1", "k", "COUNT");
    harness.setStateTtlProcessingTime(RETENTION.toMillis() - 1);
    request("a", "r2", "k", "COUNT");
    harness.setStateTtlProcessingTime(RETENTION.toMillis());
    request("a", "r3", "k", "COUNT");

    assertThat(reports()).containsExactly("a:1", "a:2");
    assertThat(replies(REPLY_TYPE)).containsExactly("r1=1", "r2=1", "r3=2");
  }

  @Test
  void aReplyFromAnotherAddressReachesOnlyTheRequestItNames() throws Exception {
    open(null);
    request("a", "r1", "k", "FORWARD");
    request("a", "r2", "k", "FORWARD");

    assertThat(replies(REPLY_TYPE)).containsExactly("r1#k=from other");
  }

  // --- the harness ---------------------------------------------------------------------------

  private void open(@Nullable OperatorSubtaskState restoreFrom) throws Exception {
    DispatcherSettings settings =
        new DispatcherSettings(
            ApplicationLoader.builder()
                .discoverModules(false)
                .withModule(ReplyingTestModule.class)
                .build(),
            Map.of(ReplyingTestModule.EGRESS, EGRESS),
            REPLIES,
            16,
            UndeliverablePolicy.LOG,
            Map.of(REPLY_TYPE, RETENTION, OTHER_INGRESS, RETENTION));
    harness = DispatcherHarness.of(settings);
    if (restoreFrom != null) {
      harness.initializeState(restoreFrom);
    }
    harness.open();
  }

  private void request(String id, String requestId, @Nullable String key, String command)
      throws Exception {
    send(REPLY_TYPE, id, requestId, key, command);
  }

  private void send(
      TypeName replyType, String id, String requestId, @Nullable String key, String command)
      throws Exception {
    Address caller = new Address(replyType, new IngressCallerId(requestId, key).toString());
    harness.processElement(
        new StreamRecord<>(
            new Envelope(
                new Address(ReplyingTestModule.FN, id),
                caller,
                TypedValue.of(Types.STRING, command))));
  }

  private List<String> reports() {
    List<String> reports = new ArrayList<>();
    var side = harness.getSideOutput(EGRESS);
    if (side != null) {
      side.forEach(record -> reports.add(record.getValue().as(Types.STRING)));
    }
    return reports;
  }

  /** The replies to callers of a reply type, as {@code <caller id>=<reply>}. */
  private List<String> replies(TypeName replyType) {
    List<String> replies = new ArrayList<>();
    var side = harness.getSideOutput(REPLIES.get(replyType));
    if (side != null) {
      side.forEach(
          record ->
              replies.add(
                  record.getValue().target().id()
                      + "="
                      + record.getValue().payload().as(Types.STRING)));
    }
    return replies;
  }

  private void runMails() throws Exception {
    TaskMailbox mailbox = harness.getTaskMailbox();
    Optional<Mail> mail;
    while ((mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
      mail.get().run();
    }
  }
}
