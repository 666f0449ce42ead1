package io.statefun.sdk;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What a function can do during one invocation: know who it is and who called, read and write its
 * state, and send messages to functions (now or later) and to egresses.
 *
 * <p>The context belongs to one invocation. It may be used from another thread while the future
 * returned by the function has not completed; after that, sending or touching {@link #storage()}
 * (also through a storage kept from it) throws {@link IllegalStateException}, in every
 * implementation: the runtime's, the remote SDK's and {@code FunctionTester}'s.
 */
public interface Context {

  /** The address being invoked. */
  Address self();

  /**
   * The function that sent the message (for a delayed message too: it keeps its sender); empty when
   * it came from an ingress.
   */
  Optional<Address> caller();

  /** Sends a message to a function. */
  void send(Message message);

  /**
   * Sends a message to a function after a delay (not negative; fitting in a long of milliseconds).
   */
  void sendAfter(Duration delay, Message message);

  /**
   * Sends a message after a delay, cancellable with {@link #cancelDelayedMessage(String)}. Tokens
   * are scoped to the sending address; reusing a pending token replaces the pending message.
   */
  void sendAfter(Duration delay, String cancellationToken, Message message);

  /**
   * Cancels a delayed message sent by this address. Cancelling an unknown or already delivered
   * token does nothing. Tokens are never empty.
   *
   * <p>A cancellation wins if the message that asks for it reached this address before the delayed
   * message came due: every message queued for an address (behind its async work, in a remote call
   * retrying while its endpoint is down, or in the feedback loop at a checkpoint) before one of its
   * delayed messages is due is handled before that delayed message is sent, also after a restore
   * and however long the job was down.
   */
  void cancelDelayedMessage(String cancellationToken);

  /** Sends a value out through an egress. */
  void send(EgressMessage message);

  /** The state of this address. */
  AddressScopedStorage storage();

  /**
   * A completed future, to return from {@link StatefulFunction#apply} when done: always the same
   * one, which nobody can change ({@code obtrudeValue} and {@code obtrudeException} throw).
   */
  default CompletableFuture<Void> done() {
    return DoneFuture.INSTANCE;
  }
}
