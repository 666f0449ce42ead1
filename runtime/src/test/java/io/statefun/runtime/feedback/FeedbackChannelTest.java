package io.statefun.runtime.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The channel's numbering and retention, without Flink: the test plays the sink (producer, and its
 * checkpoint at the aligned barrier) and the dispatcher (consumer, and its position before the
 * barrier).
 */
class FeedbackChannelTest {

  private static Envelope message(int i) {
    return new Envelope(
        new Address(TypeName.parse("ns/fn"), "" + i), null, TypedValue.of(Types.INT, i));
  }

  private static List<Envelope> drain(FeedbackChannel channel) {
    List<Envelope> taken = new ArrayList<>();
    channel.drainTo(taken::add);
    return taken;
  }

  @Test
  void messagesArriveInTheOrderHandedOver() {
    FeedbackChannel channel = new FeedbackChannel();
    channel.put(message(1));
    channel.put(message(2));
    assertThat(drain(channel)).containsExactly(message(1), message(2));
    channel.put(message(3));
    assertThat(drain(channel)).containsExactly(message(3));
    assertThat(drain(channel)).isEmpty();
  }

  @Test
  void theCheckpointHoldsWhatTheDispatcherHadNotConsumedAtItsBarrierUpToTheSinksBarrier() {
    FeedbackChannel channel = new FeedbackChannel();
    channel.put(message(1));
    channel.put(message(2));
    assertThat(drain(channel)).containsExactly(message(1), message(2));
    channel.put(message(3)); // handed over, not consumed at the dispatcher's barrier
    channel.consumedBeforeBarrier(7);
    assertThat(drain(channel)).containsExactly(message(3)); // consumed after it: retained
    channel.put(message(4)); // sent by another dispatcher before its barrier
    channel.put(message(5));
    assertThat(drain(channel)).containsExactly(message(4), message(5));

    assertThat(channel.retained()).isEqualTo(3);
    assertThat(channel.inTransitAt(7)).containsExactly(message(3), message(4), message(5));
    channel.checkpointTaken(7);
    assertThat(channel.retained()).isZero();
    assertThat(channel.retainedMax()).isEqualTo(3);
  }

  @Test
  void theDispatcherIsNeverHeldUpAndNothingIsRetainedWithoutAPendingCheckpoint() {
    FeedbackChannel channel = new FeedbackChannel();
    for (int i = 0; i < 100; i++) {
      channel.put(message(i));
    }
    assertThat(channel.backlog()).isEqualTo(100);
    assertThat(drain(channel)).hasSize(100);
    assertThat(channel.backlogMax()).isEqualTo(100);
    assertThat(channel.backlog()).isZero();
    assertThat(channel.retained()).isZero();
    assertThat(channel.retainedMax()).isZero();
  }

  @Test
  void takingACheckpointReleasesItAndOlderOnesButNotNewerOnes() {
    FeedbackChannel channel = new FeedbackChannel();
    channel.put(message(1));
    channel.consumedBeforeBarrier(1); // an older checkpoint the sink never took
    drain(channel);
    channel.put(message(2));
    channel.consumedBeforeBarrier(2);
    drain(channel);
    channel.put(message(3));
    channel.consumedBeforeBarrier(3); // concurrent checkpoints
    drain(channel);

    assertThat(channel.inTransitAt(2)).containsExactly(message(2), message(3));
    channel.checkpointTaken(2);
    assertThat(channel.retained()).as("checkpoint 3 still pending").isEqualTo(1);
    assertThat(channel.inTransitAt(3)).containsExactly(message(3));
    assertThatThrownBy(() -> channel.inTransitAt(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("checkpoint 1");
  }

  @Test
  void anAbortedCheckpointReleasesItsRetention() {
    FeedbackChannel channel = new FeedbackChannel();
    channel.put(message(1));
    channel.consumedBeforeBarrier(4);
    drain(channel);
    assertThat(channel.retained()).isEqualTo(1);
    channel.checkpointAborted(4);
    assertThat(channel.retained()).isZero();
  }

  @Test
  void aMissingPositionFailsTheCheckpointUnlessTheDispatcherHasFinished() {
    FeedbackChannel channel = new FeedbackChannel();
    channel.put(message(1));
    channel.put(message(2));
    channel.drainTo(m -> {});
    channel.put(message(3));
    assertThatThrownBy(() -> channel.inTransitAt(9))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("checkpoint 9")
        .hasMessageContaining("aligned");

    channel.markConsumerFinished();
    assertThat(channel.inTransitAt(9)).containsExactly(message(3));
  }

  @Test
  void theRestoredHandOverIsMarkedAfterItsMessages() {
    FeedbackChannel channel = new FeedbackChannel();
    assertThat(channel.restoreHandedOver()).isFalse();
    channel.put(message(1));
    channel.markRestoreHandedOver();
    assertThat(channel.restoreHandedOver()).isTrue();
    assertThat(drain(channel)).containsExactly(message(1));
  }

  /**
   * The sink and the dispatcher on their own threads, as in a task manager: the dispatcher
   * publishes its position at random moments and tells the sink (as its barrier would, behind the
   * messages it sent before); the sink checkpoints when that barrier arrives. Each checkpoint holds
   * exactly the messages after the dispatcher's position up to the sink's barrier.
   */
  @Test
  void everyCheckpointHoldsExactlyItsRangeWhileBothSidesRun() throws Exception {
    FeedbackChannel channel = new FeedbackChannel();
    int messages = 50_000;
    int checkpointEvery = 500; // consumed messages between two of the dispatcher's barriers
    BlockingQueue<long[]> barriers = new LinkedBlockingQueue<>(); // {checkpoint, position}
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int[] consumed = new int[messages];
    int[] taken = {0};

    Thread dispatcher =
        new Thread(
            () -> {
              long checkpoint = 0;
              int nextBarrier = checkpointEvery;
              while (taken[0] < messages) {
                channel.drainTo(e -> consumed[taken[0]++] = e.payload().as(Types.INT));
                if (taken[0] >= nextBarrier) {
                  channel.consumedBeforeBarrier(++checkpoint);
                  barriers.add(new long[] {checkpoint, taken[0]});
                  nextBarrier = taken[0] + checkpointEvery;
                }
              }
              barriers.add(new long[] {-1, -1});
            });
    dispatcher.setUncaughtExceptionHandler((t, e) -> failure.set(e));
    dispatcher.start();

    int checkpoints = 0;
    int handed = 0;
    while (true) {
      long[] barrier = handed < messages ? barriers.poll() : barriers.take();
      if (barrier == null) {
        channel.put(message(handed++));
        continue;
      }
      if (barrier[0] < 0) {
        break;
      }
      List<Integer> inTransit = new ArrayList<>();
      channel.inTransitAt(barrier[0]).forEach(e -> inTransit.add(e.payload().as(Types.INT)));
      channel.checkpointTaken(barrier[0]);
      int position = (int) barrier[1];
      assertThat(inTransit).as("checkpoint %d", barrier[0]).hasSize(handed - position);
      for (int i = 0; i < inTransit.size(); i++) {
        assertThat(inTransit.get(i)).isEqualTo(position + i);
      }
      checkpoints++;
    }
    dispatcher.join();

    assertThat(failure.get()).isNull();
    assertThat(checkpoints).isPositive();
    for (int i = 0; i < messages; i++) {
      assertThat(consumed[i]).isEqualTo(i);
    }
    assertThat(channel.retained()).isZero();
  }
}
