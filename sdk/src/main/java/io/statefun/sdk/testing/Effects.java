package io.statefun.sdk.testing;

import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.Message;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;

/**
 * What one invocation asked for, in the order it asked.
 *
 * @param sent messages to functions
 * @param delayed messages to functions after a delay
 * @param cancelled cancellation tokens of delayed messages
 * @param egress messages to egresses
 */
@NullMarked
public record Effects(
    List<Message> sent,
    List<DelayedMessage> delayed,
    List<String> cancelled,
    List<EgressMessage> egress) {

  public Effects {
    sent = List.copyOf(sent);
    delayed = List.copyOf(delayed);
    cancelled = List.copyOf(cancelled);
    egress = List.copyOf(egress);
  }

  /** A message sent with {@code sendAfter}. */
  public record DelayedMessage(
      Duration delay, Optional<String> cancellationToken, Message message) {}
}
