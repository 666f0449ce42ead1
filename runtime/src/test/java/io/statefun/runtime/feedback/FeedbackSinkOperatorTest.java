package io.statefun.runtime.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.message.RuntimeTypes;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.base.VoidSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The feedback sink on Flink's operator test harness, at parallelism 1 (and 2 for a rescale); the
 * test plays the co-located dispatcher on the shared channel.
 */
class FeedbackSinkOperatorTest {
  private final List<KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Void>> harnesses =
      new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (var harness : harnesses) {
      harness.close();
    }
  }

  private static Envelope message(String id) {
    return new Envelope(
        new Address(TypeName.parse("ns/fn"), id), null, TypedValue.of(Types.STRING, id));
  }

  @Test
  void theSinkStoresTheLoopAtItsBarrierAndHandsItOverFirstAfterARestore() throws Exception {
    var sink = open(1, 0, null);
    FeedbackChannel channel = channelOf(sink, 0);
    sink.processElement(new StreamRecord<>(message("a")));
    sink.processElement(new StreamRecord<>(message("b")));
    channel.drainTo(m -> {}); // the dispatcher consumed a and b
    sink.processElement(new StreamRecord<>(message("c")));
    channel.consumedBeforeBarrier(1); // its barrier leaves; c is in the loop
    channel.drainTo(m -> {});
    sink.processElement(
        new StreamRecord<>(message("d"))); // another dispatcher's, before its barrier
    assertThat(channel.retained()).isEqualTo(1);

    OperatorSubtaskState snapshot = sink.snapshot(1, 0);
    assertThat(channel.retained()).as("released with the sink's checkpoint").isZero();

    var restored = open(1, 0, snapshot);
    FeedbackChannel restoredChannel = channelOf(restored, 0);
    assertThat(restoredChannel.restoreHandedOver()).isTrue();
    List<Envelope> handedOver = new ArrayList<>();
    restoredChannel.drainTo(handedOver::add);
    // in order per key group, so per target address
    assertThat(handedOver).containsExactlyInAnyOrder(message("c"), message("d"));
  }

  @Test
  void aFreshSinkMarksAnEmptyHandOverSoTheDispatcherNeverWaits() throws Exception {
    var sink = open(1, 0, null);
    assertThat(channelOf(sink, 0).restoreHandedOver()).isTrue();
  }

  @Test
  void afterARescaleEachSinkHandsOverTheMessagesOfItsKeyGroups() throws Exception {
    var sink = open(1, 0, null);
    FeedbackChannel channel = channelOf(sink, 0);
    channel.consumedBeforeBarrier(1);
    List<Envelope> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add(message("m" + i));
      sink.processElement(new StreamRecord<>(sent.get(i)));
    }
    OperatorSubtaskState snapshot = sink.snapshot(1, 0);

    List<Envelope> handedOver = new ArrayList<>();
    for (int subtask = 0; subtask < 2; subtask++) {
      OperatorSubtaskState part =
          KeyedOneInputStreamOperatorTestHarness.repartitionOperatorState(
              snapshot, MAX_PARALLELISM, 1, 2, subtask);
      var restored = open(2, subtask, part);
      channelOf(restored, subtask).drainTo(handedOver::add);
    }
    assertThat(handedOver).containsExactlyInAnyOrderElementsOf(sent);
  }

  private static final int MAX_PARALLELISM = 128;

  private KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Void> open(
      int parallelism, int subtask, OperatorSubtaskState state) throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Void>(
            new FeedbackSinkOperator(),
            Envelope::target,
            RuntimeTypes.ADDRESS,
            MAX_PARALLELISM,
            parallelism,
            subtask);
    harness.setup(VoidSerializer.INSTANCE);
    harnesses.add(harness);
    if (state != null) {
      harness.initializeState(state);
    }
    harness.open();
    return harness;
  }

  /** The channel the open sink holds, looked up (and let go again) as its dispatcher would. */
  private static FeedbackChannel channelOf(
      KeyedOneInputStreamOperatorTestHarness<Address, Envelope, Void> harness, int subtask) {
    FeedbackChannels.Key key =
        new FeedbackChannels.Key(harness.getEnvironment().getJobID().toString(), subtask, 0);
    FeedbackChannel channel = FeedbackChannels.acquire(key);
    FeedbackChannels.release(key);
    return channel;
  }
}
