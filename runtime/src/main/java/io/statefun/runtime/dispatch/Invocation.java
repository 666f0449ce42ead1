package io.statefun.runtime.dispatch;

import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.state.AddressStorage;
import io.statefun.sdk.Address;
import io.statefun.sdk.AddressScopedStorage;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.Message;
import io.statefun.sdk.ValueSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The context of one invocation: it records what the function asks for, in order, and the
 * dispatcher carries it out when the function's future completes. The function may use it from any
 * thread until then.
 */
final class Invocation implements BatchContext {
  private final AddressStorage storage;
  private final List<ValueSpec<?>> registeredValues;
  private final List<Effect> effects = new ArrayList<>(2);
  private Envelope first;
  private List<Envelope> batch;
  private volatile List<ValueSpec<?>> toRegister;

  /**
   * An invocation with {@code batch} (null when it is just {@code first}). The dispatcher reuses an
   * invocation that completed on the task thread for the next message of the same function type
   * ({@link #reuseFor}); one whose future completed later is never reused, as the function may
   * still hold it.
   */
  Invocation(
      Envelope first,
      List<Envelope> batch,
      AddressStorage storage,
      List<ValueSpec<?>> registeredValues) {
    this.first = first;
    this.batch = batch;
    this.storage = storage;
    this.registeredValues = registeredValues;
  }

  /** Whether this (completed) invocation can serve the next message of its function type. */
  boolean reusableWith(List<ValueSpec<?>> currentValues) {
    return registeredValues == currentValues;
  }

  /** Readies this completed invocation for another message of the current key. */
  Invocation reuseFor(Envelope next) {
    first = next;
    batch = null;
    toRegister = null;
    effects.clear();
    storage.reload();
    return this;
  }

  /** The messages of this invocation; one unless the function is a {@link BatchingFunction}. */
  List<Envelope> batch() {
    if (batch == null) {
      batch = List.of(first);
    }
    return batch;
  }

  Envelope first() {
    return first;
  }

  /** The values to register before retrying, or null when the invocation is not to be retried. */
  List<ValueSpec<?>> toRegister() {
    return toRegister;
  }

  AddressStorage addressStorage() {
    return storage;
  }

  List<Effect> effects() {
    return effects;
  }

  @Override
  public Address self() {
    return first.target();
  }

  /** The sender of the first message of the batch. */
  @Override
  public Optional<Address> caller() {
    return Optional.ofNullable(first.caller());
  }

  @Override
  public List<ValueSpec<?>> registeredValues() {
    return registeredValues;
  }

  @Override
  public void registerAndRetry(List<ValueSpec<?>> missing) {
    toRegister = List.copyOf(missing);
  }

  @Override
  public void send(Message message) {
    add(new Effect.Send(Objects.requireNonNull(message, "message")));
  }

  @Override
  public void sendAfter(Duration delay, Message message) {
    add(new Effect.SendAfter(checkDelay(delay), null, Objects.requireNonNull(message, "message")));
  }

  @Override
  public void sendAfter(Duration delay, String cancellationToken, Message message) {
    add(
        new Effect.SendAfter(
            checkDelay(delay),
            checkToken(cancellationToken),
            Objects.requireNonNull(message, "message")));
  }

  @Override
  public void cancelDelayedMessage(String cancellationToken) {
    add(new Effect.Cancel(checkToken(cancellationToken)));
  }

  @Override
  public void send(EgressMessage message) {
    add(new Effect.Egress(Objects.requireNonNull(message, "message")));
  }

  @Override
  public AddressScopedStorage storage() {
    return storage;
  }

  private void add(Effect effect) {
    effects.add(effect);
  }

  private static Duration checkDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("A delay cannot be negative, got " + delay);
    }
    return delay;
  }

  private static String checkToken(String token) {
    Objects.requireNonNull(token, "cancellationToken");
    if (token.isEmpty()) {
      throw new IllegalArgumentException("A cancellation token cannot be empty");
    }
    return token;
  }

  /** One thing a function asked for. */
  sealed interface Effect {
    record Send(Message message) implements Effect {}

    record SendAfter(Duration delay, String token, Message message) implements Effect {}

    record Cancel(String token) implements Effect {}

    record Egress(EgressMessage message) implements Effect {}
  }
}
