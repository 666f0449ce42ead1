package io.statefun.runtime.dispatch;

import io.statefun.runtime.ingress.IngressCallerId;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.jspecify.annotations.Nullable;

/**
 * Delivers a request from outside the job at most once per idempotency key and address, and answers
 * its repeats with the reply to the first.
 *
 * <p>A request carries its key in its caller's id ({@link IngressCallerId}); the dedup record lives
 * in the keyed state of the <em>target address</em>, one map per ingress (reply type), so it is
 * checkpointed, restored and rescaled with the address's other state. The scope is ingress +
 * address + key: the same key sent to another function, or through another ingress, is another
 * request. On the first request with a key the record says "in progress" and lists the request as a
 * waiter, and the message goes on to the function; a repeat is not delivered: while in progress it
 * joins the waiters, once replied it gets the recorded reply at once (through the ingress's
 * replies, so the ingress's reply rule, e.g. "after the checkpoint", applies to it as to any
 * reply).
 *
 * <p>The reply is recorded when the target address itself sends to the caller of the request (a
 * function replying to {@code context.caller()}, also from a delayed message); it then goes to
 * every waiter. A reply sent by another address (the target forwarded the caller's address) cannot
 * reach the record: it goes only to the request it names, and repeats of the key wait until their
 * timeout, until the record expires. A second reply to the same key is passed on unrecorded.
 *
 * <p>An answer from the record is as committed as the ingress's other replies: the record is
 * written before the answer leaves on this task thread, so the answer reaches the ingress's replies
 * ahead of the barrier of every checkpoint whose snapshot of this address could lack the record. An
 * ingress that holds replies until their checkpoint completes (the HTTP ingress's default) thus
 * never gives a repeat a reply that a failure could still roll back.
 *
 * <p>Task thread only; each method sets or expects the current key of the address it works on.
 */
final class IdempotentRequests {
  /** Repeats of a key in progress that are remembered; older ones timed out long ago. */
  static final int MAX_WAITERS = 64;

  /** The records of the current key, one map per reply type. */
  interface Records {
    @Nullable IdempotencyRecord get(TypeName replyType, String key) throws Exception;

    void put(TypeName replyType, String key, IdempotencyRecord record) throws Exception;
  }

  private final Set<TypeName> replyTypes;
  private final Records records;
  private final KeyContext keys;
  private final Counter repeats;

  /**
   * @param replyTypes the reply types whose callers' keys are honoured
   * @param repeats counts the requests that were not delivered because they repeated a key
   */
  IdempotentRequests(Set<TypeName> replyTypes, Records records, KeyContext keys, Counter repeats) {
    this.replyTypes = Set.copyOf(replyTypes);
    this.records = records;
    this.keys = keys;
    this.repeats = repeats;
  }

  /** Whether any ingress gives idempotency keys; if not, the dispatcher needs no hooks. */
  boolean isEnabled() {
    return !replyTypes.isEmpty();
  }

  /**
   * Whether a message repeats an idempotency key its target has seen: then it was handled (it waits
   * for the first request's reply, or the recorded reply went to {@code replies}) and must not be
   * delivered. Otherwise it is delivered; if it has a key, the record now says "in progress" with
   * it as the waiter. Leaves the current key at the message's target.
   */
  boolean absorbsRepeat(Envelope message, Consumer<Envelope> replies) throws Exception {
    Address caller = message.caller();
    if (caller == null || !replyTypes.contains(caller.type())) {
      return false;
    }
    String key = IngressCallerId.idempotencyKeyOf(caller.id());
    if (key == null) {
      return false;
    }
    Address target = message.target();
    if (!target.equals(keys.getCurrentKey())) {
      keys.setCurrentKey(target);
    }
    String requestId = IngressCallerId.requestIdOf(caller.id());
    IdempotencyRecord record = records.get(caller.type(), key);
    if (record == null) {
      records.put(caller.type(), key, new IdempotencyRecord.InProgress(List.of(requestId)));
      return false;
    }
    repeats.inc();
    if (record instanceof IdempotencyRecord.InProgress inProgress) {
      records.put(caller.type(), key, inProgress.with(requestId, MAX_WAITERS));
    } else {
      send(replies, caller.type(), requestId, target, ((IdempotencyRecord.Replied) record).reply());
    }
    return true;
  }

  /**
   * A message from the current address to a caller outside the job: if it is the first reply to a
   * key this address has in progress, it is recorded and sent to every waiter of the key; else it
   * goes on as it is.
   */
  void reply(Envelope reply, Consumer<Envelope> replies) throws Exception {
    Address to = reply.target();
    String key = replyTypes.contains(to.type()) ? IngressCallerId.idempotencyKeyOf(to.id()) : null;
    Address from = reply.caller();
    if (key == null || from == null || !from.equals(keys.getCurrentKey())) {
      replies.accept(reply);
      return;
    }
    IdempotencyRecord record = records.get(to.type(), key);
    if (!(record instanceof IdempotencyRecord.InProgress inProgress)) {
      replies.accept(reply); // another address's record, an expired one, or a second reply
      return;
    }
    records.put(to.type(), key, new IdempotencyRecord.Replied(reply.payload()));
    for (String waiter : inProgress.waiters()) {
      send(replies, to.type(), waiter, from, reply.payload());
    }
  }

  private static void send(
      Consumer<Envelope> replies,
      TypeName replyType,
      String requestId,
      Address from,
      TypedValue value) {
    replies.accept(new Envelope(new Address(replyType, requestId), from, value));
  }
}
