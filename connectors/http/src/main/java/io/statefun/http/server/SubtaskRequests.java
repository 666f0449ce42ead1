package io.statefun.http.server;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The requests of one ingress subtask: those accepted and not yet sent into the job (the inbox,
 * which the subtask's reader drains on the task thread) and every call still waiting for its
 * answer, whether sent or not. Its answers ({@link #reply}, {@link #accepted}) may come from any
 * thread.
 */
public final class SubtaskRequests {
  private final int subtaskIndex;
  private final Predicate<TypeName> isBound;
  private final ServerProtocol protocol;
  private final Queue<Queued> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBodyBytes;
  private final Map<String, PendingCall> pending = new ConcurrentHashMap<>();
  private final AtomicLong rejectedBusy = new AtomicLong();
  private volatile @Nullable CompletableFuture<Void> waiting;

  /** A request in the inbox, with the size of its body, counted in {@code queuedBodyBytes}. */
  private record Queued(IngressRequest request, int bodyBytes) {}

  /** {@code queuedBodyBytes} counts the bodies in the inboxes of all subtasks of one server. */
  SubtaskRequests(
      int subtaskIndex,
      Predicate<TypeName> isBound,
      ServerProtocol protocol,
      AtomicLong queuedBodyBytes) {
    this.subtaskIndex = subtaskIndex;
    this.isBound = isBound;
    this.protocol = protocol;
    this.queuedBodyBytes = queuedBodyBytes;
  }

  int subtaskIndex() {
    return subtaskIndex;
  }

  Predicate<TypeName> isBound() {
    return isBound;
  }

  // --- the server's side (event loop) ------------------------------------------------------

  void admit(IngressRequest request, int bodyBytes, PendingCall call) {
    pending.put(request.requestId(), call);
    queuedBodyBytes.addAndGet(bodyBytes);
    inbox.add(new Queued(request, bodyBytes));
    CompletableFuture<Void> reader = waiting;
    if (reader != null) {
      reader.complete(null);
    }
  }

  /** Answers a call with {@code response} unless it was answered already; false then. */
  boolean answer(String requestId, FullHttpResponse response) {
    PendingCall call = pending.remove(requestId);
    if (call == null) {
      response.release();
      return false;
    }
    call.answer(response);
    return true;
  }

  /** A request this subtask was to take got {@code 503}: too many were pending. */
  void rejectedBusy() {
    rejectedBusy.incrementAndGet();
  }

  /** The connection of a call closed before its answer. */
  void forget(String requestId) {
    PendingCall call = pending.remove(requestId);
    if (call != null) {
      call.forget();
    }
  }

  /** The subtask closed: every call still waiting gets {@code 503}. */
  void closeAll() {
    for (String requestId : pending.keySet()) {
      answer(
          requestId,
          Responses.error(
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "the ingress subtask that took this request stopped; retry"));
    }
    Queued dropped;
    while ((dropped = inbox.poll()) != null) {
      queuedBodyBytes.addAndGet(-dropped.bodyBytes());
    }
  }

  // --- metrics (any thread) ------------------------------------------------------------------

  /** The calls of this subtask waiting for their answer (a reply, a {@code 202}, or a timeout). */
  public int pendingCount() {
    return pending.size();
  }

  /** The requests for this subtask that got {@code 503} because too many were pending. */
  public long rejectedBusyCount() {
    return rejectedBusy.get();
  }

  // --- the reader's side (task thread) -----------------------------------------------------

  /** The next request to send into the job, skipping those nobody waits for any more; or null. */
  public @Nullable IngressRequest poll() {
    Queued next;
    while ((next = inbox.poll()) != null) {
      queuedBodyBytes.addAndGet(-next.bodyBytes());
      if (pending.containsKey(next.request().requestId())) {
        return next.request();
      }
    }
    return null;
  }

  /**
   * Completes when {@link #poll} may have a request. The same future until it completes: Flink may
   * ask more than once and wait on the first answer.
   */
  public CompletableFuture<Void> available() {
    CompletableFuture<Void> current = waiting;
    if (current != null && !current.isDone()) {
      return current;
    }
    CompletableFuture<Void> future = new CompletableFuture<>();
    waiting = future;
    if (!inbox.isEmpty()) {
      future.complete(null);
    }
    return future;
  }

  /**
   * Answers a {@code /send} with {@code 202} (a playground request with {@code 200}); false if
   * nobody waits for it any more.
   */
  public boolean accepted(String requestId) {
    return answer(requestId, protocol.accepted(requestId));
  }

  /**
   * Answers a call with a function's reply; false if nobody waits for it any more, or if the
   * request was a {@code /send}, whose client waits for its {@code 202} only.
   */
  public boolean reply(String requestId, TypedValue value) {
    PendingCall call = pending.get(requestId);
    if (call == null || !call.waitsForReply()) {
      return false;
    }
    return answer(requestId, protocol.reply(value));
  }
}
