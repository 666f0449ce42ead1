package io.statefun.runtime.feedback;

import io.statefun.runtime.message.Envelope;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.util.function.ThrowingRunnable;
import org.jspecify.annotations.Nullable;

/**
 * The in-JVM hand-over from one subtask's feedback sink (the single producer, on the sink's task
 * thread) to the dispatcher of the same subtask (the single consumer, on the dispatcher's task
 * thread), numbering every message it hands over.
 *
 * <p><b>Checkpoints.</b> Barriers cannot cross this channel, so for each checkpoint the dispatcher
 * {@link #consumedBeforeBarrier publishes} how far it had consumed when its barrier left (seq
 * {@code D}), and the sink, whose aligned barrier comes after every message sent before the
 * dispatchers' barriers, asks for the messages {@link #inTransitAt in transit} at its own barrier:
 * those numbered after {@code D} up to the last one it handed over. Neither waits for the other.
 * Until the sink has taken its checkpoint, the channel keeps the messages the dispatcher consumed
 * after {@code D} reachable (the retention); without a pending checkpoint nothing is retained.
 *
 * <p><b>Memory.</b> The messages form a singly linked list: the producer appends at the tail, the
 * consumer moves a cursor, and a pending checkpoint holds the node at its {@code D}. A node is
 * garbage once neither the cursor nor a pending checkpoint reaches it, so what the channel holds is
 * the backlog (handed over, not consumed) plus the retention, which never exceeds the messages the
 * checkpoint must store anyway: those in the loop between the dispatcher's and the sink's barrier.
 *
 * <p>Unbounded on purpose: a bounded channel in a cycle can deadlock when every task waits for the
 * next one. The dispatcher drains it with priority (drains are mailbox mails, which Flink runs
 * before new input), so the backlog stays small in practice. The hot path takes no locks: a drain
 * is scheduled only when the channel goes from idle to non-idle.
 */
@Internal
public final class FeedbackChannel {
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final ConcurrentSkipListMap<Long, Node> pending = new ConcurrentSkipListMap<>();
  private volatile @Nullable MailboxExecutor consumerMailbox;
  private volatile @Nullable ThrowingRunnable<? extends Exception> drain;

  // producer side
  private Node tail;
  private volatile long handedOver;
  private volatile boolean restoreHandedOver;

  // consumer side: cursor is the last node taken; consumed publishes it to other threads
  private Node cursor;
  private volatile Node consumed;
  private volatile boolean consumerFinished;
  private final AtomicLong retainedMax = new AtomicLong(); // from both sides
  private volatile long backlogMax;

  public FeedbackChannel() {
    Node start = new Node(0, null);
    tail = start;
    cursor = start;
    consumed = start;
  }

  // --- producer: the feedback sink ----------------------------------------------------------

  /** Hands a message to the dispatcher. */
  public void put(Envelope envelope) {
    Node node = new Node(tail.seq + 1, envelope);
    tail.next = node;
    tail = node;
    handedOver = node.seq;
    wakeConsumer();
  }

  /**
   * Marks that the messages restored from the sink's checkpoint are all handed over (put before
   * this call); a restored dispatcher takes no input before it has consumed them.
   */
  public void markRestoreHandedOver() {
    restoreHandedOver = true;
    wakeConsumer();
  }

  /**
   * The messages in the loop at checkpoint {@code checkpointId}: consumed by the dispatcher after
   * its barrier, or not yet consumed, in the order handed over. Call it at the sink's barrier, then
   * {@link #checkpointTaken}.
   *
   * @throws IllegalStateException if the dispatcher, still running, published nothing for it
   */
  public Iterable<Envelope> inTransitAt(long checkpointId) {
    Node start = pending.get(checkpointId);
    if (start == null) {
      if (!consumerFinished) {
        throw new IllegalStateException(
            "The dispatcher published no position for checkpoint "
                + checkpointId
                + " before its barrier; is the feedback edge aligned?");
      }
      start = consumed; // a finished dispatcher consumes nothing more: the rest is in the loop
    }
    Node from = start;
    Node to = tail;
    return () ->
        new Iterator<>() {
          private Node at = from;

          @Override
          public boolean hasNext() {
            return at != to;
          }

          @Override
          public Envelope next() {
            if (at == to) {
              throw new NoSuchElementException();
            }
            at = at.next;
            return at.envelope;
          }
        };
  }

  /** Releases the retention of {@code checkpointId} and every older checkpoint. */
  public void checkpointTaken(long checkpointId) {
    // a checkpoint's retention only grows until here, so this is its peak
    recordRetained(consumed);
    pending.headMap(checkpointId, true).clear();
  }

  /** Releases the retention of an aborted checkpoint the sink will never take. */
  public void checkpointAborted(long checkpointId) {
    pending.remove(checkpointId);
  }

  // --- consumer: the dispatcher -------------------------------------------------------------

  /**
   * Registers how to schedule drains (the dispatcher's mailbox) and what a drain does. Anything
   * already waiting is drained soon after.
   */
  public void register(MailboxExecutor mailbox, ThrowingRunnable<? extends Exception> drainAction) {
    this.drain = drainAction;
    this.consumerMailbox = mailbox;
    drainScheduled.set(true);
    mailbox.execute(this::runDrain, "feedback drain");
  }

  /** Takes what is waiting, in order, handing each message to {@code sink}. */
  public void drainTo(Consumer<Envelope> sink) {
    Node node = cursor;
    long backlog = handedOver - node.seq;
    if (backlog > backlogMax) {
      backlogMax = backlog;
    }
    try {
      Node next;
      while ((next = node.next) != null) {
        node = next;
        sink.accept(node.envelope);
      }
    } finally {
      cursor = node;
      consumed = node;
      if (!pending.isEmpty()) {
        recordRetained(node);
      }
    }
  }

  /**
   * Publishes how far the dispatcher consumed before its barrier for {@code checkpointId}: call it
   * in {@code prepareSnapshotPreBarrier}, which Flink runs on the task thread just before it sends
   * the barrier, with nothing consumed in between.
   */
  public void consumedBeforeBarrier(long checkpointId) {
    pending.put(checkpointId, cursor);
  }

  /**
   * Whether the sink has handed over everything it restored (see {@link #markRestoreHandedOver}).
   */
  public boolean restoreHandedOver() {
    return restoreHandedOver;
  }

  /** The dispatcher has finished (its input ended): it publishes no more checkpoint positions. */
  public void markConsumerFinished() {
    consumerFinished = true;
  }

  // --- sizes, from any thread ---------------------------------------------------------------

  /** Messages handed over and not yet consumed. */
  public long backlog() {
    return Math.max(0, handedOver - consumed.seq);
  }

  /** Messages consumed but kept for a checkpoint the sink has not taken yet. */
  public long retained() {
    Map.Entry<Long, Node> oldest = pending.firstEntry();
    return oldest == null ? 0 : Math.max(0, consumed.seq - oldest.getValue().seq);
  }

  /** The longest backlog a drain found. */
  public long backlogMax() {
    return backlogMax;
  }

  /**
   * The most messages ever retained at once (at the end of each drain and at the sink's snapshot).
   */
  public long retainedMax() {
    return retainedMax.get();
  }

  private void recordRetained(Node consumedUpTo) {
    Map.Entry<Long, Node> oldest = pending.firstEntry();
    if (oldest != null) {
      retainedMax.accumulateAndGet(consumedUpTo.seq - oldest.getValue().seq, Math::max);
    }
  }

  private void wakeConsumer() {
    MailboxExecutor mailbox = consumerMailbox;
    if (mailbox != null && drainScheduled.compareAndSet(false, true)) {
      try {
        mailbox.execute(this::runDrain, "feedback drain");
      } catch (RejectedExecutionException e) {
        // the dispatcher is shutting down; whatever is left belongs to a checkpoint or is lost
        // with this attempt, which Flink replays from the last checkpoint
      }
    }
  }

  private void runDrain() throws Exception {
    // clear the flag first: a producer that offers after this point schedules the next drain
    drainScheduled.set(false);
    ThrowingRunnable<? extends Exception> action = drain;
    if (action != null) {
      action.run();
    }
  }

  /** One message handed over; {@code next} is written by the producer only. */
  private static final class Node {
    final long seq;
    final @Nullable Envelope envelope;
    volatile @Nullable Node next;

    Node(long seq, @Nullable Envelope envelope) {
      this.seq = seq;
      this.envelope = envelope;
    }
  }
}
