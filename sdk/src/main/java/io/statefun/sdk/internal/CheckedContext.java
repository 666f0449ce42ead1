package io.statefun.sdk.internal;

import io.statefun.sdk.AddressScopedStorage;
import io.statefun.sdk.Context;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.Message;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.annotation.Internal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The contract every {@link Context} implementation shares (the runtime's, the remote handler's and
 * the tester's): one check of the arguments, and one lifecycle rule — once the invocation has
 * completed, {@link #complete()} is called and every effect or state access throws {@link
 * IllegalStateException}, instead of being lost or landing in another invocation.
 *
 * <p>A subclass records the effects ({@code record*}) and provides the values ({@link #values()});
 * this class is also the {@link AddressScopedStorage} that {@link #storage()} returns, so a storage
 * kept past the invocation fails the same way. Internal: not for functions.
 */
@Internal
public abstract class CheckedContext implements Context, AddressScopedStorage {
  private volatile boolean completed;

  /** Ends the invocation: every later effect or state access throws. */
  public final void complete() {
    completed = true;
  }

  /** Whether {@link #complete()} was called. */
  public final boolean isCompleted() {
    return completed;
  }

  @Override
  public final void send(Message message) {
    checkOpen();
    recordSend(Objects.requireNonNull(message, "message"));
  }

  @Override
  public final void sendAfter(Duration delay, Message message) {
    checkOpen();
    recordSendAfter(checkDelay(delay), null, Objects.requireNonNull(message, "message"));
  }

  @Override
  public final void sendAfter(Duration delay, String cancellationToken, Message message) {
    checkOpen();
    recordSendAfter(
        checkDelay(delay),
        checkToken(cancellationToken),
        Objects.requireNonNull(message, "message"));
  }

  @Override
  public final void cancelDelayedMessage(String cancellationToken) {
    checkOpen();
    recordCancel(checkToken(cancellationToken));
  }

  @Override
  public final void send(EgressMessage message) {
    checkOpen();
    recordEgress(Objects.requireNonNull(message, "message"));
  }

  @Override
  public final AddressScopedStorage storage() {
    checkOpen();
    return this;
  }

  @Override
  public final <T> Optional<T> get(ValueSpec<T> spec) {
    checkOpen();
    return values().get(Objects.requireNonNull(spec, "spec"));
  }

  @Override
  public final <T> void set(ValueSpec<T> spec, T value) {
    checkOpen();
    values()
        .set(
            Objects.requireNonNull(spec, "spec"),
            Objects.requireNonNull(value, "value; use remove() to clear a value"));
  }

  @Override
  public final void remove(ValueSpec<?> spec) {
    checkOpen();
    values().remove(Objects.requireNonNull(spec, "spec"));
  }

  /** A message to a function, checked. */
  protected abstract void recordSend(Message message);

  /**
   * A delayed message, checked: {@code delay} is not negative and fits in milliseconds; {@code
   * cancellationToken} is null (not cancellable) or not empty.
   */
  protected abstract void recordSendAfter(
      Duration delay, @Nullable String cancellationToken, Message message);

  /** A cancellation, checked: the token is not empty. */
  protected abstract void recordCancel(String cancellationToken);

  /** A message to an egress, checked. */
  protected abstract void recordEgress(EgressMessage message);

  /** The address's values, reached only while the invocation is open. */
  protected abstract AddressScopedStorage values();

  private void checkOpen() {
    if (completed) {
      throw new IllegalStateException(
          "The invocation of "
              + self()
              + " has completed; its context can no longer be used (keep no reference to it,"
              + " or to its storage, past the future the function returned)");
    }
  }

  /** A delay is not negative and fits in a long of milliseconds. */
  public static Duration checkDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("A delay cannot be negative, got " + delay);
    }
    try {
      delay.toMillis();
    } catch (ArithmeticException tooLong) {
      throw new IllegalArgumentException(
          "A delay must fit in a long of milliseconds, got " + delay);
    }
    return delay;
  }

  /** A cancellation token is not empty. */
  public static String checkToken(String token) {
    Objects.requireNonNull(token, "cancellationToken");
    if (token.isEmpty()) {
      throw new IllegalArgumentException("A cancellation token cannot be empty");
    }
    return token;
  }
}
