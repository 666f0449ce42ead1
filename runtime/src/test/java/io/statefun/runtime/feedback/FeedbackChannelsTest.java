package io.statefun.runtime.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.feedback.FeedbackChannels.Key;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedbackChannelsTest {
  private static final Key JOB_A = new Key("job-a", 0, 0);

  @AfterEach
  void nothingIsLeftHeld() {
    assertThat(FeedbackChannels.held()).isZero();
  }

  @Test
  void theSinkAndTheDispatcherOfOneSubtaskAttemptShareOneChannel() {
    FeedbackChannel sink = FeedbackChannels.acquire(JOB_A);
    FeedbackChannel dispatcher = FeedbackChannels.acquire(JOB_A);
    assertThat(dispatcher).isSameAs(sink);
    FeedbackChannels.release(JOB_A);
    FeedbackChannels.release(JOB_A);
  }

  @Test
  void anotherJobSubtaskOrAttemptNeverSharesTheChannel() {
    FeedbackChannel channel = FeedbackChannels.acquire(JOB_A);
    Key[] others = {new Key("job-b", 0, 0), new Key("job-a", 1, 0), new Key("job-a", 0, 1)};
    for (Key other : others) {
      assertThat(FeedbackChannels.acquire(other)).isNotSameAs(channel);
      FeedbackChannels.release(other);
    }
    FeedbackChannels.release(JOB_A);
  }

  @Test
  void theChannelLeavesTheRegistryWithItsLastUser() {
    FeedbackChannel first = FeedbackChannels.acquire(JOB_A);
    FeedbackChannels.acquire(JOB_A);
    FeedbackChannels.release(JOB_A);
    assertThat(FeedbackChannels.held()).as("one user still holds it").isOne();
    FeedbackChannels.release(JOB_A);
    assertThat(FeedbackChannels.held()).isZero();

    // the same key later (never in Flink, where attempts only grow) gets a fresh channel
    assertThat(FeedbackChannels.acquire(JOB_A)).isNotSameAs(first);
    FeedbackChannels.release(JOB_A);
  }

  @Test
  void releasingWhatWasNeverAcquiredDoesNothing() {
    FeedbackChannels.release(JOB_A);
    assertThat(FeedbackChannels.held()).isZero();
  }
}
