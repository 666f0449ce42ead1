package io.statefun.runtime.feedback;

import io.statefun.runtime.message.Envelope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.util.function.ThrowingRunnable;

/**
 * The in-JVM hand-over from one subtask's feedback sink (the single producer, on the sink's task
 * thread) to the dispatcher of the same subtask (the single consumer, on the dispatcher's task
 * thread).
 *
 * <p>Unbounded on purpose: a bounded channel in a cycle can deadlock when every task waits for the
 * next one. The dispatcher drains it with priority (drains are mailbox mails, which Flink runs
 * before new input), so it stays small in practice. The hot path takes no locks: a drain is
 * scheduled only when the channel goes from idle to non-idle.
 */
@Internal
public final class FeedbackChannel {
  private static final long PARK_NANOS = Duration.ofMillis(1).toNanos();

  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private volatile MailboxExecutor consumerMailbox;
  private volatile ThrowingRunnable<? extends Exception> drain;

  /** Producer: hands a message to the dispatcher. */
  public void put(Envelope envelope) {
    queue.offer(envelope);
    wakeConsumer();
  }

  /** Producer: marks that everything before it was sent before checkpoint {@code id}'s barrier. */
  public void putCheckpointSentinel(long checkpointId) {
    queue.offer(new CheckpointSentinel(checkpointId));
    wakeConsumer();
  }

  /**
   * Consumer: registers how to schedule drains (the dispatcher's mailbox) and what a drain does.
   * Anything already waiting is drained soon after.
   */
  public void register(MailboxExecutor mailbox, ThrowingRunnable<? extends Exception> drainAction) {
    this.drain = drainAction;
    this.consumerMailbox = mailbox;
    drainScheduled.set(true);
    mailbox.execute(this::runDrain, "feedback drain");
  }

  /**
   * Consumer: takes what is waiting, handing messages to {@code sink}. Sentinels met here belong to
   * checkpoints whose snapshot already gave up on them; they are skipped.
   */
  public void drainTo(Consumer<Envelope> sink) {
    Object next;
    while ((next = queue.poll()) != null) {
      if (next instanceof Envelope envelope) {
        sink.accept(envelope);
      }
    }
  }

  /**
   * Consumer, during a snapshot: takes every message up to the sentinel of {@code checkpointId}
   * into {@code inTransit}, blocking until that sentinel arrives. Older sentinels are skipped.
   */
  public void takeUntilSentinel(long checkpointId, List<Envelope> inTransit, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Object next = queue.poll();
      if (next == null) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(
              "The feedback sink sent no sentinel for checkpoint "
                  + checkpointId
                  + " within "
                  + timeout);
        }
        LockSupport.parkNanos(PARK_NANOS);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      } else if (next instanceof Envelope envelope) {
        inTransit.add(envelope);
      } else if (((CheckpointSentinel) next).checkpointId() >= checkpointId) {
        return;
      }
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
    drain.run();
  }

  private record CheckpointSentinel(long checkpointId) {}
}
