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
 * <p>One is made per invocation: the function may keep it, and it must throw once that invocation
 * completed. All it holds besides its first message is a {@link Recording} (the address storage,
 * the effect list and the rest), which passes on to the next invocation of the same function type
 * ({@link #next}) once this one completed on the task thread, so a message costs a 24-byte context
 * and no new storage; a context whose future completed later never passes it on, as the function
 * may still hold it.
 */
final class RecordingContext extends CheckedContext implements BatchContext {
  private final Envelope first;
  private final Recording recording;

  private RecordingContext(Envelope first, Recording recording) {
    this.first = first;
    this.recording = recording;
  }

  /** A context for one message; {@code storage} holds the current key's values. */
  static RecordingContext forOne(
      Envelope message, AddressStorage storage, List<ValueSpec<?>> registeredValues) {
    return new RecordingContext(message, new Recording(storage, registeredValues, null));
  }

  /** A context for a batch of messages to one address (a {@link BatchingFunction}). */
  static RecordingContext forBatch(
      List<Envelope> batch, AddressStorage storage, List<ValueSpec<?>> registeredValues) {
    return new RecordingContext(
        batch.get(0), new Recording(storage, registeredValues, List.copyOf(batch)));
  }

  /** Whether this completed context's parts can serve the next message of its function type. */
  boolean reusableWith(List<ValueSpec<?>> currentValues) {
    return isCompleted() && recording.registeredValues == currentValues;
  }

  /**
   * A context for the next message of the current key, taking over this completed one's recording:
   * its storage read again for the current key, its effect list emptied.
   */
  RecordingContext next(Envelope message) {
    recording.storage.reload();
    recording.effects.clear();
    recording.batch = null;
    recording.toRegister = null;
    return new RecordingContext(message, recording);
  }

  /** The messages of this invocation: one, unless the function is a {@link BatchingFunction}. */
  List<Envelope> batch() {
    if (recording.batch == null) {
      recording.batch = List.of(first);
    }
    return recording.batch;
  }

  /** How many messages this invocation has, without making a list for a single one. */
  int batchSize() {
    return recording.batch == null ? 1 : recording.batch.size();
  }

  Envelope first() {
    return first;
  }

  /** Whether the function asked to register values and be invoked again. */
  boolean wantsRetry() {
    return recording.toRegister != null;
  }

  /** The values to register before the retry. */
  List<ValueSpec<?>> toRegister() {
    return recording.toRegister;
  }

  AddressStorage addressStorage() {
    return recording.storage;
  }

  List<Effect> effects() {
    return recording.effects;
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
    return recording.registeredValues;
  }

  @Override
  public void registerAndRetry(List<ValueSpec<?>> missing) {
    if (isCompleted()) { // its recording may serve another invocation now
      throw new IllegalStateException(
          "The invocation of " + self() + " has completed; it can no longer ask for a retry");
    }
    recording.toRegister = List.copyOf(missing);
  }

  @Override
  protected void recordSend(Message message) {
    recording.effects.add(new Effect.Send(message.target(), message.payload()));
  }

  @Override
  protected void recordSendAfter(
      Duration delay, @Nullable String cancellationToken, Message message) {
    recording.effects.add(new Effect.SendAfter(delay, cancellationToken, message));
  }

  @Override
  protected void recordCancel(String cancellationToken) {
    recording.effects.add(new Effect.Cancel(cancellationToken));
  }

  @Override
  protected void recordEgress(EgressMessage message) {
    recording.effects.add(new Effect.Egress(message.egress(), message.payload()));
  }

  @Override
  protected AddressScopedStorage values() {
    return recording.storage;
  }

  /**
   * What one invocation at a time records and reads; owned by the context of that invocation, and
   * by the next one once it completed on the task thread.
   */
  private static final class Recording {
    final AddressStorage storage;
    final List<ValueSpec<?>> registeredValues;
    final ArrayList<Effect> effects = new ArrayList<>(2);
    @Nullable List<Envelope> batch; // null while it is just the first message
    volatile @Nullable List<ValueSpec<?>> toRegister;

    Recording(
        AddressStorage storage,
        List<ValueSpec<?>> registeredValues,
        @Nullable List<Envelope> batch) {
      this.storage = storage;
      this.registeredValues = registeredValues;
      this.batch = batch;
    }
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
