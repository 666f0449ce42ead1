package io.statefun.runtime.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FeedbackChannelTest {

  private static Envelope message(int i) {
    return new Envelope(
        new Address(TypeName.parse("ns/fn"), "" + i), null, TypedValue.of(Types.INT, i));
  }

  @Test
  void aSnapshotTakesExactlyTheMessagesBeforeItsSentinel() throws Exception {
    FeedbackChannel channel = new FeedbackChannel();
    channel.put(message(1));
    channel.putCheckpointSentinel(6); // from a checkpoint whose snapshot gave up: skipped
    channel.put(message(2));
    channel.putCheckpointSentinel(7);
    channel.put(message(3));

    List<Envelope> inTransit = new ArrayList<>();
    channel.takeUntilSentinel(7, inTransit, Duration.ofSeconds(5));
    assertThat(inTransit).containsExactly(message(1), message(2));

    List<Envelope> after = new ArrayList<>();
    channel.drainTo(after::add);
    assertThat(after).containsExactly(message(3));
  }

  @Test
  void aSnapshotWaitsForASentinelFromAnotherThread() throws Exception {
    FeedbackChannel channel = new FeedbackChannel();
    Thread producer =
        new Thread(
            () -> {
              for (int i = 0; i < 1000; i++) {
                channel.put(message(i));
              }
              channel.putCheckpointSentinel(1);
            });
    producer.start();
    List<Envelope> inTransit = new ArrayList<>();
    channel.takeUntilSentinel(1, inTransit, Duration.ofSeconds(30));
    producer.join();
    assertThat(inTransit).hasSize(1000).startsWith(message(0)).endsWith(message(999));
  }

  @Test
  void aMissingSentinelFailsTheSnapshotAfterTheWait() {
    FeedbackChannel channel = new FeedbackChannel();
    assertThatThrownBy(() -> channel.takeUntilSentinel(3, new ArrayList<>(), Duration.ofMillis(50)))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("checkpoint 3");
  }
}
