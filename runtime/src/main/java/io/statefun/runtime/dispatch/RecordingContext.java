package io.statefun.runtime.dispatch;

import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.state.AddressStorage;
import io.statefun.sdk.Address;
import io.statefun.sdk.AddressScopedStorage;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.Message;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.internal.CheckedContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The context of one invocation: it records what the function asks for, in order, and the
 * dispatcher carries it out when the function's future completes. The function may use it from any
 * thread until then; after, it throws ({@link CheckedContext}).
 *
 * <p>One is made per invocation. Its heavier parts (the address storage and the effect list) pass
 * on to the next invocation of the same function type ({@link #next}) once it completed on the task
 * thread, so a message costs no new storage; a context whose future completed later never passes
 * them on, as the function may still hold it.
 */
final class RecordingContext extends CheckedContext implements BatchContext {
  private final Envelope first;
  private final AddressStorage storage;
  private final List<ValueSpec<?>> registeredValues;
  private final ArrayList<Effect> effects;
  private @Nullable List<Envelope> batch; // null while it is just first
  private volatile @Nullable List<ValueSpec<?>> toRegister;

  private RecordingContext(
      Envelope first,
      @Nullable List<Envelope> batch,
      AddressStorage storage,
      List<ValueSpec<?>> registeredValues,
      ArrayList<Effect> effects) {
    this.first = first;
    this.batch = batch;
    this.storage = storage;
    this.registeredValues = registeredValues;
    this.effects = effects;
  }

  /** A context for one message; {@code storage} holds the current key's values. */
  static RecordingContext forOne(
      Envelope message, AddressStorage storage, List<ValueSpec<?>> registeredValues) {
    return new RecordingContext(message, null, storage, registeredValues, new ArrayList<>(2));
  }

  /** A context for a batch of messages to one address (a {@link BatchingFunction}). */
  static RecordingContext forBatch(
      List<Envelope> batch, AddressStorage storage, List<ValueSpec<?>> registeredValues) {
    return new RecordingContext(
        batch.get(0), List.copyOf(batch), storage, registeredValues, new ArrayList<>(2));
  }

  /** Whether this completed context's parts can serve the next message of its function type. */
  boolean reusableWith(List<ValueSpec<?>> currentValues) {
    return isCompleted() && registeredValues == currentValues;
  }

  /**
   * A context for the next message of the current key, taking over this completed one's storage
   * (read again for the current key) and effect list.
   */
  RecordingContext next(Envelope message) {
    storage.reload();
    effects.clear();
    return new RecordingContext(message, null, storage, registeredValues, effects);
  }

  /** The messages of this invocation: one, unless the function is a {@link BatchingFunction}. */
  List<Envelope> batch() {
    if (batch == null) {
      batch = List.of(first);
    }
    return batch;
  }

  /** How many messages this invocation has, without making a list for a single one. */
  int batchSize() {
    return batch == null ? 1 : batch.size();
  }

  Envelope first() {
    return first;
  }

  /** Whether the function asked to register values and be invoked again. */
  boolean wantsRetry() {
    return toRegister != null;
  }

  /** The values to register before the retry. */
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

  /** The sender of the first message of the batch; a delayed message keeps its sender. */
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
  protected void recordSend(Message message) {
    effects.add(new Effect.Send(message.target(), message.payload()));
  }

  @Override
  protected void recordSendAfter(
      Duration delay, @Nullable String cancellationToken, Message message) {
    effects.add(new Effect.SendAfter(delay, cancellationToken, message));
  }

  @Override
  protected void recordCancel(String cancellationToken) {
    effects.add(new Effect.Cancel(cancellationToken));
  }

  @Override
  protected void recordEgress(EgressMessage message) {
    effects.add(new Effect.Egress(message.egress(), message.payload()));
  }

  @Override
  protected AddressScopedStorage values() {
    return storage;
  }

  /**
   * One thing a function asked for. A send and an egress message keep the parts, not the SDK's
   * message: one that is not kept needs no memory when the function's code is compiled with it.
   */
  sealed interface Effect {
    record Send(Address target, TypedValue payload) implements Effect {}

    /** {@code token} is null for a message that cannot be cancelled. */
    record SendAfter(Duration delay, @Nullable String token, Message message) implements Effect {}

    record Cancel(String token) implements Effect {}

    record Egress(TypeName egress, TypedValue payload) implements Effect {}
  }
}
