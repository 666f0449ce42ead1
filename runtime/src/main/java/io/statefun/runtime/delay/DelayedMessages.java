package io.statefun.runtime.delay;

import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delayed messages of the current key (the sending address): messages by fire time, a token
 * index, and one processing-time timer per fire time. Lists are replaced, never changed in place,
 * so heap snapshots taken concurrently stay intact. Task thread only.
 */
@Internal
public final class DelayedMessages {
  private static final Logger LOG = LoggerFactory.getLogger(DelayedMessages.class);

  /**
   * The sender of due markers: an address in the namespace no module may bind functions in (the
   * application binder refuses it), so no function can forge a marker.
   */
  private static final Address DUE_MARKER_SENDER =
      new Address(TypeName.parse("io.statefun.internal/delayed-messages"), "due");

  private static final TypeName DUE_MARKER_TYPE =
      TypeName.parse("io.statefun.internal/delayed-messages-due");

  /** The name of the dispatcher's timer service for delayed messages. */
  public static final String TIMER_SERVICE = "delayed-messages";

  /** The keyed map state of pending messages by fire time. */
  public static final String MESSAGES_STATE = "__statefun.delayed-messages";

  /** The keyed map state of fire times by cancellation token. */
  public static final String TOKENS_STATE = "__statefun.delayed-message-tokens";

  private final MapState<Long, List<DelayedMessage>> byFireTime;
  private final MapState<String, Long> fireTimeByToken;
  private final InternalTimerService<VoidNamespace> timers;

  public DelayedMessages(
      KeyedStateBackend<Address> backend, InternalTimerService<VoidNamespace> timers)
      throws Exception {
    this.timers = timers;
    this.byFireTime =
        backend.getPartitionedState(
            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, messagesDescriptor());
    this.fireTimeByToken =
        backend.getPartitionedState(
            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, tokensDescriptor());
  }

  /** The state of {@link #MESSAGES_STATE}: fire time to the messages due then, in send order. */
  public static MapStateDescriptor<Long, List<DelayedMessage>> messagesDescriptor() {
    return new MapStateDescriptor<>(
        MESSAGES_STATE,
        LongSerializer.INSTANCE,
        new ListSerializer<>(new DelayedMessageSerializer()));
  }

  /** The state of {@link #TOKENS_STATE}: cancellation token to fire time. */
  public static MapStateDescriptor<String, Long> tokensDescriptor() {
    return new MapStateDescriptor<>(
        TOKENS_STATE, StringSerializer.INSTANCE, LongSerializer.INSTANCE);
  }

  /**
   * Keeps {@code envelope} until {@code delayMillis} from now. A token still pending for this
   * sender is replaced: the earlier message is dropped with a warning.
   */
  public void schedule(long delayMillis, String token, Envelope envelope) throws Exception {
    long now = timers.currentProcessingTime();
    long delay = Math.max(0, delayMillis);
    // an enormous delay means "never" in practice; it must not wrap around into the past
    long fireTime = delay > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + delay;
    if (token != null) {
      Long pending = fireTimeByToken.get(token);
      if (pending != null) {
        LOG.warn(
            "{} reused the cancellation token '{}' of a pending delayed message; the earlier"
                + " message is replaced",
            envelope.caller(),
            token);
        removeFromBucket(pending, token);
      }
      fireTimeByToken.put(token, fireTime);
    }
    List<DelayedMessage> bucket = byFireTime.get(fireTime);
    List<DelayedMessage> updated = bucket == null ? new ArrayList<>(1) : new ArrayList<>(bucket);
    updated.add(new DelayedMessage(token, envelope));
    byFireTime.put(fireTime, updated);
    timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, fireTime);
  }

  /**
   * Sets a timer for every fire time of every pending message in {@code backend}, after a restore.
   * Timers are derived from the messages, so a savepoint whose timers are missing (one written by
   * the state tools) still delivers them; a timer already restored is set once only. Leaves the
   * backend's current key at the last sender.
   */
  public void restoreTimers(KeyedStateBackend<Address> backend) throws Exception {
    List<Address> senders = new ArrayList<>();
    try (Stream<Address> keys = backend.getKeys(MESSAGES_STATE, VoidNamespace.INSTANCE)) {
      keys.forEach(senders::add);
    }
    for (Address sender : senders) {
      backend.setCurrentKey(sender);
      for (Long fireTime : byFireTime.keys()) {
        timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, fireTime);
      }
    }
  }

  /**
   * The current key's pending messages by fire time, in the order they were sent; reads only (for
   * the live state endpoint).
   */
  public SortedMap<Long, List<DelayedMessage>> pending() throws Exception {
    SortedMap<Long, List<DelayedMessage>> pending = new TreeMap<>();
    Iterable<Map.Entry<Long, List<DelayedMessage>>> entries = byFireTime.entries();
    if (entries != null) {
      for (Map.Entry<Long, List<DelayedMessage>> entry : entries) {
        pending.put(entry.getKey(), List.copyOf(entry.getValue()));
      }
    }
    return pending;
  }

  /** Cancels the pending message with this token; unknown or delivered tokens are ignored. */
  public void cancel(String token) throws Exception {
    Long fireTime = fireTimeByToken.get(token);
    if (fireTime == null) {
      return;
    }
    fireTimeByToken.remove(token);
    removeFromBucket(fireTime, token);
  }

  /**
   * A marker that a busy address queues behind the messages already waiting for it when its delayed
   * messages come due: the delayed messages are sent when the marker's turn comes, so a
   * cancellation queued before the due time is carried out first.
   */
  public static Envelope dueMarker(Address sender, long fireTime) {
    byte[] time = new byte[Long.BYTES];
    for (int i = 0; i < Long.BYTES; i++) {
      time[i] = (byte) (fireTime >>> (8 * (Long.BYTES - 1 - i)));
    }
    return new Envelope(sender, DUE_MARKER_SENDER, new TypedValue(DUE_MARKER_TYPE, time));
  }

  /** Whether {@code envelope} is a {@link #dueMarker}. */
  public static boolean isDueMarker(Envelope envelope) {
    return DUE_MARKER_SENDER.equals(envelope.caller())
        && envelope.payload().typeName().equals(DUE_MARKER_TYPE);
  }

  /** The fire time a {@link #dueMarker} carries. */
  public static long fireTimeOf(Envelope dueMarker) {
    byte[] time = dueMarker.payload().value();
    long fireTime = 0;
    for (byte b : time) {
      fireTime = (fireTime << 8) | (b & 0xFF);
    }
    return fireTime;
  }

  /** Removes and returns the messages due at {@code fireTime}, in the order they were sent. */
  public List<Envelope> takeDue(long fireTime) throws Exception {
    List<DelayedMessage> bucket = byFireTime.get(fireTime);
    if (bucket == null) {
      return List.of();
    }
    byFireTime.remove(fireTime);
    List<Envelope> due = new ArrayList<>(bucket.size());
    for (DelayedMessage message : bucket) {
      if (message.cancellationToken() != null) {
        fireTimeByToken.remove(message.cancellationToken());
      }
      due.add(message.envelope());
    }
    return due;
  }

  private void removeFromBucket(long fireTime, String token) throws Exception {
    List<DelayedMessage> bucket = byFireTime.get(fireTime);
    if (bucket == null) {
      return;
    }
    List<DelayedMessage> remaining = new ArrayList<>(bucket.size());
    for (DelayedMessage message : bucket) {
      if (!token.equals(message.cancellationToken())) {
        remaining.add(message);
      }
    }
    if (remaining.isEmpty()) {
      byFireTime.remove(fireTime);
      timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, fireTime);
    } else {
      byFireTime.put(fireTime, remaining);
    }
  }
}
