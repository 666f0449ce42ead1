package io.statefun.runtime.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.runtime.config.StatefunOptions.UndeliverablePolicy;
import io.statefun.runtime.feedback.FeedbackChannel;
import io.statefun.runtime.feedback.FeedbackChannels;
import io.statefun.runtime.feedback.FeedbackSinkOperator;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.RuntimeTypes;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.sdk.Address;
import io.statefun.sdk.Context;
import io.statefun.sdk.TypedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.base.VoidSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher operator on Flink's operator test harness, at parallelism 1: the test drives
 * processing time, state TTL time, snapshots, restores and the task's mailbox (async completions
 * and feedback drains are mails), and plays the feedback sink's part (loop messages, the in-transit
 * messages of a checkpoint, their hand-over after a restore).
 */
class FunctionDispatcherOperatorTest {
  private static final OutputTag<TypedValue> EGRESS =
      new OutputTag<>("egress-op/out", RuntimeTypes.TYPED_VALUE);

  private KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Envelope> harness;

  @BeforeEach
  void start() {
    OperatorTestModule.reset();
  }

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  /**
   * Opens the operator in the test's own thread: with the suite's timeouts JUnit runs a test in
   * another thread than its {@code @BeforeEach}, and the mailbox belongs to the thread that made
   * it.
   */
  private void open() throws Exception {
    harness = newHarness();
    harness.open();
  }

  @Test
  void delayedMessagesFireAtTheirTimeAndCancelledOrReplacedOnesNever() throws Exception {
    open();
    harness.setProcessingTime(0);
    send("s", "AFTER 1000 cancelled e1 must-not-arrive");
    send("s", "AFTER 200 - e2 plain");
    send("s", "AFTER 1000 replaced e3 first");
    send("s", "AFTER 1000 replaced e3 second");
    send("s", "CANCEL cancelled");

    harness.setProcessingTime(199);
    assertThat(reports()).isEmpty();
    harness.setProcessingTime(200);
    assertThat(reports()).containsExactly("e2:plain");
    harness.setProcessingTime(1000);
    assertThat(reports()).containsExactly("e2:plain", "e3:second");
    harness.setProcessingTime(100_000);
    assertThat(reports()).containsExactly("e2:plain", "e3:second");
  }

  @Test
  void cancellingAnUnknownOrDeliveredTokenDoesNothing() throws Exception {
    open();
    harness.setProcessingTime(0);
    send("s", "CANCEL never-scheduled");
    send("s", "AFTER 10 t e1 first");
    harness.setProcessingTime(10);
    send("s", "CANCEL t"); // already delivered
    send("s", "AFTER 10 t e1 again"); // the token can be used again
    harness.setProcessingTime(20);

    assertThat(reports()).containsExactly("e1:first", "e1:again");
  }

  @Test
  void anEnormousDelayIsNeverDueRatherThanDueAtOnce() throws Exception {
    open();
    harness.setProcessingTime(1_000);
    send("s", "AFTER " + Long.MAX_VALUE + " - e1 never");
    harness.setProcessingTime(1_000_000_000L);

    assertThat(reports()).isEmpty();
  }

  @Test
  void valuesExpireAfterTheirTimeToLive() throws Exception {
    open();
    harness.setStateTtlProcessingTime(0);
    send("t", "SET v");
    harness.setStateTtlProcessingTime(299);
    send("t", "GET");
    harness.setStateTtlProcessingTime(300);
    send("t", "GET");

    assertThat(reports()).containsExactly("t:v", "t:absent");
  }

  @Test
  void messagesWaitInOrderBehindUnfinishedAsyncWork() throws Exception {
    open();
    send("a", "ASYNC first");
    send("a", "COUNT");
    send("b", "COUNT"); // another address is not held up
    assertThat(reports()).containsExactly("b:count=1");

    OperatorTestModule.complete("first");
    runMails();

    assertThat(reports()).containsExactly("b:count=1", "a:async=1", "a:count=2");
  }

  @Test
  void aCancellationQueuedBeforeTheDueTimeWinsWhileTheAddressIsBusy() throws Exception {
    open();
    harness.setProcessingTime(0);
    send("a", "AFTER 100 reminder e1 must-not-arrive");
    send("a", "AFTER 100 - e2 arrives");
    send("a", "ASYNC stall"); // e.g. a remote endpoint that is down
    send("a", "CANCEL reminder"); // queued behind the stall, before the due time

    harness.setProcessingTime(100); // due while the address is busy
    assertThat(reports()).isEmpty();
    OperatorTestModule.complete("stall");
    runMails();

    assertThat(reports()).containsExactly("a:async=1", "e2:arrives");
  }

  @Test
  void aCancellationQueuedBeforeTheDueTimeWinsAfterARestoreWhenTheMessageIsOverdue()
      throws Exception {
    open();
    harness.setProcessingTime(0);
    send("a", "AFTER 100 reminder e1 must-not-arrive");
    send("a", "ASYNC stall");
    send("a", "CANCEL reminder");
    OperatorSubtaskState snapshot = checkpoint(1);
    harness.close();

    OperatorTestModule.reset();
    harness = newHarness();
    harness.setProcessingTime(5_000); // the job was down longer than the delay
    harness.initializeState(snapshot);
    harness.open();
    feedbackChannel().markRestoreHandedOver(); // the sink had nothing in the loop
    runMails(); // the unfinished ASYNC is invoked again: the address is busy
    harness.setProcessingTime(5_001); // the overdue timer fires before the stall ends
    OperatorTestModule.complete("stall");
    runMails();

    assertThat(reports()).containsExactly("a:async=1");
  }

  @Test
  void aCancellationInTheFeedbackLoopAtTheCheckpointWinsAfterARestoreWhenTheMessageIsOverdue()
      throws Exception {
    open();
    harness.setProcessingTime(0);
    send("a", "AFTER 100 reminder e1 must-not-arrive");
    // another address's cancel for it, travelling the feedback loop when the barrier passes: the
    // feedback sink stores it and hands it over again after the restore
    Envelope cancel =
        new Envelope(
            new Address(OperatorTestModule.FN, "a"),
            new Address(OperatorTestModule.FN, "b"),
            OperatorTestModule.to("a", "CANCEL reminder").payload());
    OperatorSubtaskState snapshot = checkpoint(1);
    harness.close();

    OperatorTestModule.reset();
    harness = newHarness();
    harness.setProcessingTime(5_000); // the job was down longer than the delay
    harness.initializeState(snapshot);
    harness.open();
    // Flink's timer thread hands the overdue timer to the task as soon as the timer service
    // starts, in open(): before the sink has handed the loop's messages over
    harness.setProcessingTime(5_001);
    runMails();
    FeedbackChannel restoredLoop = feedbackChannel();
    restoredLoop.put(cancel);
    restoredLoop.markRestoreHandedOver();
    runMails();

    assertThat(reports()).isEmpty();
  }

  @Test
  void snapshotAndRestoreKeepAsyncWorkBacklogDelayedAndLoopMessages() throws Exception {
    open();
    harness.setProcessingTime(0);
    send("a", "ASYNC before-failure");
    send("a", "COUNT");
    send("a", "COUNT");
    send("s", "AFTER 500 - d later");
    // a message handed over by the sink, not yet consumed when the barrier leaves
    FeedbackChannel loop = feedbackChannel();
    Envelope inTheLoop =
        new Envelope(new Address(OperatorTestModule.FN, "c"), null, echo("in-the-loop"));
    loop.put(inTheLoop);
    OperatorSubtaskState snapshot = checkpoint(1);
    runMails(); // consumed after the barrier: the channel keeps it for the sink's checkpoint
    assertThat(reports()).containsExactly("c:in-the-loop");
    assertThat(loop.inTransitAt(1)).as("what the sink stores").containsExactly(inTheLoop);
    harness.close(); // the failure: the async work, the backlog and the delay are unfinished

    OperatorTestModule.reset();
    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    FeedbackChannel restoredLoop = feedbackChannel();
    restoredLoop.put(inTheLoop); // the restored sink hands over what it stored, first
    restoredLoop.markRestoreHandedOver();
    runMails(); // re-invokes the unfinished ASYNC, then delivers the loop's message

    assertThat(reports()).containsExactly("c:in-the-loop");
    OperatorTestModule.complete("before-failure");
    runMails();
    assertThat(reports()).containsExactly("c:in-the-loop", "a:async=1", "a:count=2", "a:count=3");
    harness.setProcessingTime(500);
    assertThat(reports()).endsWith("d:later");
  }

  @Test
  void aRestoredDispatcherTakesNoInputBeforeTheLoopsMessagesOfItsCheckpoint() throws Exception {
    open();
    OperatorSubtaskState snapshot = checkpoint(1);
    harness.close();

    OperatorTestModule.reset();
    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    FeedbackChannel restoredLoop = feedbackChannel();
    Thread restoredSink =
        new Thread(
            () -> {
              restoredLoop.put(
                  new Envelope(new Address(OperatorTestModule.FN, "c"), null, echo("older")));
              restoredLoop.markRestoreHandedOver();
            });
    restoredSink.start();
    send("c", "ECHO newer"); // waits on the mailbox for the sink's hand-over, whenever it comes
    restoredSink.join();

    assertThat(reports()).containsExactly("c:older", "c:newer");
  }

  @Test
  void loopMessagesTheDispatcherLoggedInAnOlderCheckpointAreStillDelivered() throws Exception {
    // such checkpoints hold the loop in the dispatcher's raw keyed state, in the format (and key
    // group sections) the feedback sink writes now: a sink's snapshot stands in for one
    var sink =
        new KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Void>(
            new FeedbackSinkOperator(), Envelope::target, RuntimeTypes.ADDRESS);
    sink.setup(VoidSerializer.INSTANCE);
    sink.open();
    FeedbackChannels.Key sinkKey =
        new FeedbackChannels.Key(sink.getEnvironment().getJobID().toString(), 0, 0);
    FeedbackChannels.acquire(sinkKey).consumedBeforeBarrier(1);
    FeedbackChannels.release(sinkKey);
    sink.processElement(
        new StreamRecord<>(
            new Envelope(new Address(OperatorTestModule.FN, "c"), null, echo("logged"))));
    OperatorSubtaskState olderCheckpoint = sink.snapshot(1, 0);
    sink.close();

    harness = newHarness();
    harness.initializeState(olderCheckpoint);
    harness.open();
    runMails();

    assertThat(reports()).containsExactly("c:logged");
  }

  @Test
  void aContextUsedAfterItsInvocationCompletedThrows() throws Exception {
    open();
    send("k", "KEEP");
    Context kept = OperatorTestModule.KEPT.get();

    assertThatThrownBy(() -> kept.send(OperatorTestModule.to("x", "COUNT")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("op/fn/k")
        .hasMessageContaining("has completed");
    assertThatThrownBy(() -> kept.storage()).isInstanceOf(IllegalStateException.class);
    send("other", "COUNT"); // and nothing leaked into the next invocation
    assertThat(reports()).containsExactly("other:count=1");
  }

  @Test
  void aMessageToAnUnboundFunctionTypeIsDroppedAndTheNextOneDelivered() throws Exception {
    open();
    harness.processElement(
        new StreamRecord<>(
            new Envelope(
                new Address(io.statefun.sdk.TypeName.parse("nobody/here"), "x"),
                null,
                echo("lost"))));
    send("after", "ECHO delivered");

    assertThat(reports()).containsExactly("after:delivered");
  }

  // --- the harness ---------------------------------------------------------------------------

  private static KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Envelope> newHarness()
      throws Exception {
    DispatcherSettings settings =
        new DispatcherSettings(
            ApplicationLoader.builder()
                .discoverModules(false)
                .withModule(OperatorTestModule.class)
                .build(),
            Map.of(OperatorTestModule.EGRESS, EGRESS),
            16,
            UndeliverablePolicy.LOG);
    return DispatcherHarness.of(settings);
  }

  /** Takes checkpoint {@code id} as the task does: the pre-barrier step, then the snapshot. */
  private OperatorSubtaskState checkpoint(long id) throws Exception {
    harness.prepareSnapshotPreBarrier(id);
    return harness.snapshot(id, 0);
  }

  private void send(String id, String command) throws Exception {
    harness.processElement(
        new StreamRecord<>(Envelope.fromIngress(OperatorTestModule.to(id, command))));
  }

  private static TypedValue echo(String text) {
    return OperatorTestModule.to("-", "ECHO " + text).payload();
  }

  private List<String> reports() {
    List<String> reports = new ArrayList<>();
    var side = harness.getSideOutput(EGRESS);
    if (side != null) {
      side.forEach(record -> reports.add(OperatorTestModule.text(record.getValue())));
    }
    return reports;
  }

  /** Runs the mails waiting in the task's mailbox, as the task thread would between records. */
  private void runMails() throws Exception {
    TaskMailbox mailbox = harness.getTaskMailbox();
    Optional<Mail> mail;
    while ((mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
      mail.get().run();
    }
  }

  /** The channel the open dispatcher holds, looked up (and let go again) as its sink would. */
  private FeedbackChannel feedbackChannel() {
    FeedbackChannels.Key key =
        new FeedbackChannels.Key(harness.getEnvironment().getJobID().toString(), 0, 0);
    FeedbackChannel channel = FeedbackChannels.acquire(key);
    FeedbackChannels.release(key);
    return channel;
  }
}
