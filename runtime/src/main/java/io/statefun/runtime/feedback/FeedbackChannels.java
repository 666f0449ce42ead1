package io.statefun.runtime.feedback;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.flink.annotation.Internal;

/**
 * Where a feedback sink and the dispatcher of the same subtask find their shared channel.
 *
 * <p>This is the one piece of static mutable state in the runtime, and Flink forces it: the two
 * operators are separate tasks that Flink instantiates independently in the same JVM (they are
 * co-located in one slot), and there is no Flink API to pass an object between tasks.
 *
 * <p>Which registry a task sees depends on who loaded this class. When the runtime is bundled in
 * the job JAR ({@code flink run}), Flink's child-first user class loader of that job loads it, so
 * each job has a registry of its own that goes away with the job's class loader. When the runtime
 * is on the cluster's class path (the {@code statefun} image), every job in the JVM shares one
 * registry. Either way a channel belongs to one job, subtask index and attempt ({@link Key}), so
 * concurrent jobs, a job submitted again and a restarted attempt never share one; and it is held by
 * its two users, the sink and the dispatcher, each of which {@link #acquire acquires} it when it
 * opens and {@link #release releases} it when it closes (on success, failure and cancellation
 * alike). The channel leaves the registry with the last release, so nothing here keeps a finished
 * task's mailbox, its messages or its class loader reachable.
 */
@Internal
public final class FeedbackChannels {
  private static final ConcurrentMap<Key, Held> CHANNELS = new ConcurrentHashMap<>();

  private FeedbackChannels() {}

  /** The channel of {@code key}, created by the first of its two users; release it when done. */
  public static FeedbackChannel acquire(Key key) {
    return CHANNELS
        .compute(key, (k, held) -> held == null ? new Held(new FeedbackChannel(), 1) : held.more())
        .channel();
  }

  /** Gives up one {@link #acquire}; the channel leaves the registry with its last user. */
  public static void release(Key key) {
    CHANNELS.computeIfPresent(key, (k, held) -> held.users() == 1 ? null : held.fewer());
  }

  /** How many channels are held, for tests: zero once every task of every job has closed. */
  static int held() {
    return CHANNELS.size();
  }

  /** Identifies the channel of one subtask attempt of one job. */
  public record Key(String jobId, int subtaskIndex, int attemptNumber) {}

  private record Held(FeedbackChannel channel, int users) {
    Held more() {
      return new Held(channel, users + 1);
    }

    Held fewer() {
      return new Held(channel, users - 1);
    }
  }
}
