package io.statefun.runtime.dispatch;

import io.statefun.runtime.delay.DelayedMessages;
import io.statefun.runtime.dispatch.FunctionRegistry.LoadedFunction;
import io.statefun.runtime.dispatch.RecordingContext.Effect;
import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.state.AddressStorage;
import io.statefun.runtime.state.FunctionState;
import io.statefun.sdk.Address;
import io.statefun.sdk.ValueSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.streaming.api.operators.KeyContext;

/**
 * Delivers messages to functions: one invocation at a time per address, in order, and carries out
 * what an invocation asked for (sends, delayed sends, cancellations, egress messages, state writes)
 * when its future completes. A message for a {@link BusyAddresses busy} address waits in its
 * backlog; a {@link BatchingFunction} takes a whole backlog at once.
 *
 * <p>Task thread only: futures that complete later come back as mails. Every method that touches
 * keyed state first makes the address it works on the current key.
 */
final class FunctionInvoker {
  private final KeyContext keys;
  private final FunctionRegistry functions;
  private final BusyAddresses busy;
  private final MessageRouter router;
  private final DelayedMessages delayed;
  private final UndeliverableMessages undeliverable;
  private final MailboxExecutor mailbox;

  /**
   * After a restore, the delayed messages that came due before the messages that were in the
   * feedback loop at the checkpoint were delivered; null when none are held. Flink's timer thread
   * hands an overdue timer to the task as soon as the timer service starts, ahead of those
   * messages, which were sent before that due time.
   */
  private List<HeldTimer> heldTimers;

  private record HeldTimer(Address sender, long fireTime) {}

  FunctionInvoker(
      KeyContext keys,
      FunctionRegistry functions,
      BusyAddresses busy,
      MessageRouter router,
      DelayedMessages delayed,
      UndeliverableMessages undeliverable,
      MailboxExecutor mailbox) {
    this.keys = keys;
    this.functions = functions;
    this.busy = busy;
    this.router = router;
    this.delayed = delayed;
    this.undeliverable = undeliverable;
    this.mailbox = mailbox;
  }

  // --- delivery -----------------------------------------------------------------------------

  /** Delivers one message and then everything its invocation sent to this subtask. */
  void deliverAndDrain(Envelope envelope) throws Exception {
    deliver(envelope);
    drainLocal();
  }

  /** Delivers messages in order, then everything their invocations sent to this subtask. */
  void deliverAll(List<Envelope> envelopes) throws Exception {
    for (Envelope envelope : envelopes) {
      deliver(envelope);
    }
    drainLocal();
  }

  /**
   * The current key's delayed messages due at {@code fireTime} are sent now; or, if the address is
   * busy, when a marker queued behind its waiting messages gets its turn: a cancellation that was
   * queued (or in flight) before the due time is carried out first, also after a restore or while a
   * remote endpoint is down.
   */
  void fireDue(Address sender, long fireTime) throws Exception {
    if (heldTimers != null) {
      heldTimers.add(new HeldTimer(sender, fireTime));
      return;
    }
    if (busy.isBusy(sender)) {
      busy.enqueue(DelayedMessages.dueMarker(sender, fireTime));
      return;
    }
    sendDue(fireTime);
    drainLocal();
  }

  private void sendDue(long fireTime) throws Exception {
    for (Envelope due : delayed.takeDue(fireTime)) {
      router.send(due);
    }
  }

  /**
   * At a restore, before any timer can fire: delayed messages that come due wait until {@link
   * #releaseHeldTimers}, once the messages that were in the feedback loop are delivered.
   */
  void holdTimers() {
    heldTimers = new ArrayList<>();
  }

  /** Fires the timers held since {@link #holdTimers}, in the order they fired. */
  void releaseHeldTimers() throws Exception {
    List<HeldTimer> held = heldTimers;
    heldTimers = null;
    if (held == null) {
      return;
    }
    for (HeldTimer timer : held) {
      keys.setCurrentKey(timer.sender());
      fireDue(timer.sender(), timer.fireTime());
    }
  }

  /**
   * After a restore: invokes again the batches that were unfinished at the checkpoint (their
   * addresses were marked busy before any message could arrive), then delivers the messages that
   * were in the feedback loop.
   */
  void resume(List<Address> unfinished, List<Envelope> inTransit) throws Exception {
    for (Address address : unfinished) {
      keys.setCurrentKey(address);
      List<Envelope> batch = busy.inFlightBatch();
      if (batch.isEmpty()) {
        busy.finish(address);
        deliverBacklog(address);
        continue;
      }
      // the address stays busy (and its batch stored) until this invocation completes
      invokeBatch(batch);
    }
    deliverAll(inTransit);
  }

  /** Delivers a message for an address of this subtask, or queues it behind unfinished work. */
  private void deliver(Envelope envelope) throws Exception {
    Address target = envelope.target();
    if (keys.getCurrentKey() != target) {
      // Flink has set it for a record from the input; RocksDB serializes every key it is given
      keys.setCurrentKey(target);
    }
    if (busy.isBusy(target)) {
      busy.enqueue(envelope);
    } else {
      invokeOne(envelope);
    }
  }

  private void drainLocal() throws Exception {
    Envelope next;
    while ((next = router.pollLocal()) != null) {
      deliver(next);
    }
  }

  // --- invocation ---------------------------------------------------------------------------

  /** Invokes the current key's function, which has no unfinished work, with one message. */
  private void invokeOne(Envelope message) throws Exception {
    LoadedFunction function = functions.get(message.target().type());
    if (function == null) {
      undeliverable.toUnboundFunction(message);
      return;
    }
    FunctionState state = function.state();
    RecordingContext reusable = function.takeReusable();
    RecordingContext context =
        reusable != null && reusable.reusableWith(state.specs())
            ? reusable.next(message)
            : RecordingContext.forOne(message, new AddressStorage(state), state.specs());
    invoke(function, context);
  }

  /**
   * Invokes the current key's function with a batch: a backlog for a {@link BatchingFunction}, an
   * unfinished batch after a restore or a retry.
   */
  private void invokeBatch(List<Envelope> batch) throws Exception {
    if (batch.size() == 1) {
      invokeOne(batch.get(0));
      return;
    }
    LoadedFunction function = functions.get(batch.get(0).target().type());
    if (function == null) {
      batch.forEach(undeliverable::toUnboundFunction);
      return;
    }
    FunctionState state = function.state();
    invoke(function, RecordingContext.forBatch(batch, new AddressStorage(state), state.specs()));
  }

  private void invoke(LoadedFunction function, RecordingContext context) throws Exception {
    Address self = context.self();
    function.metrics().in.inc(context.batchSize()); // per message: no list for one
    CompletableFuture<Void> done;
    try {
      done =
          function.function() instanceof BatchingFunction batching
              ? batching.applyBatch(context, context.batch())
              : function.function().apply(context, context.first().toMessage());
    } catch (Throwable t) {
      throw failed(context.first(), t);
    }
    if (done == null) {
      throw failed(context.first(), new NullPointerException("the function returned no future"));
    }
    if (done.isDone() && !busy.isBusy(self)) {
      context.complete();
      finishInPlace(function, context, done);
      if (!(function.function() instanceof BatchingFunction)) {
        function.offerForReuse(context);
      }
      return;
    }
    busy.markBusy(self, context.batch());
    done.whenComplete(
        (ignored, failure) -> {
          context.complete();
          mailbox.execute(() -> onCompletion(function, context, failure), "completion of %s", self);
        });
  }

  /** The future completed during the invocation: the address never became busy. */
  private void finishInPlace(
      LoadedFunction function, RecordingContext context, CompletableFuture<Void> done)
      throws Exception {
    try {
      done.get();
    } catch (ExecutionException e) {
      throw failed(context.first(), e.getCause());
    }
    if (context.wantsRetry()) {
      retry(function, context);
    } else {
      apply(function, context);
    }
  }

  /** A future completed later (a mail): applies its effects and delivers the address's backlog. */
  private void onCompletion(LoadedFunction function, RecordingContext context, Throwable failure)
      throws Exception {
    Address self = context.self();
    keys.setCurrentKey(self);
    if (failure != null) {
      throw failed(
          context.first(),
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure);
    }
    if (context.wantsRetry()) {
      retry(function, context); // still busy: the same batch goes again
      return;
    }
    busy.finish(self);
    apply(function, context);
    deliverBacklog(self);
    drainLocal();
  }

  /** Registers the values the function asked for and invokes it again with the same batch. */
  private void retry(LoadedFunction function, RecordingContext context) throws Exception {
    for (ValueSpec<?> spec : context.toRegister()) {
      function.state().register(spec);
    }
    invokeBatch(context.batch());
  }

  /**
   * Delivers the queued messages of the current key in order, until one makes it busy again. A
   * {@link BatchingFunction} takes a run of them at once (at most its {@code maxBacklog}: the rest
   * waits for the next request, so a slow address never holds up the task's input); a due marker
   * sends the delayed messages that came due while the address was busy.
   */
  private void deliverBacklog(Address self) throws Exception {
    LoadedFunction function = functions.get(self.type());
    int maxBatch =
        function != null && function.function() instanceof BatchingFunction batching
            ? batching.maxBacklog()
            : 1;
    List<Envelope> pending = busy.takeBacklog(self, 0);
    int i = 0;
    while (i < pending.size()) {
      if (busy.isBusy(self)) {
        busy.requeue(self, pending.subList(i, pending.size()));
        return;
      }
      Envelope next = pending.get(i);
      if (DelayedMessages.isDueMarker(next)) {
        sendDue(DelayedMessages.fireTimeOf(next));
        i++;
        continue;
      }
      int end = i + 1;
      while (end < pending.size()
          && (maxBatch <= 0 || end - i < maxBatch)
          && !DelayedMessages.isDueMarker(pending.get(end))) {
        end++;
      }
      invokeBatch(pending.subList(i, end));
      i = end;
    }
  }

  /** Carries out what a completed invocation asked for, with the current key at its address. */
  private void apply(LoadedFunction function, RecordingContext context) throws Exception {
    context.addressStorage().flush();
    Address self = context.self();
    FunctionTypeMetrics metrics = function.metrics();
    for (Effect effect : context.effects()) {
      if (effect instanceof Effect.Send send) {
        boolean local = router.send(new Envelope(send.target(), self, send.payload()));
        (local ? metrics.outLocal : metrics.outRemote).inc();
      } else if (effect instanceof Effect.SendAfter later) {
        delayed.schedule(
            later.delay().toMillis(), later.token(), Envelope.from(self, later.message()));
      } else if (effect instanceof Effect.Cancel cancel) {
        delayed.cancel(cancel.token());
      } else if (effect instanceof Effect.Egress egress) {
        if (router.emit(self, egress.egress(), egress.payload())) {
          metrics.outEgress.inc();
        }
      }
    }
  }

  private static FunctionInvocationException failed(Envelope envelope, Throwable cause) {
    return new FunctionInvocationException(
        "Function "
            + envelope.target()
            + " failed on a message of type "
            + envelope.payload().typeName()
            + (envelope.caller() == null ? " from an ingress" : " from " + envelope.caller()),
        cause);
  }
}
