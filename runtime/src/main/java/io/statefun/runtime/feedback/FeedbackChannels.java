package io.statefun.runtime.feedback;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.flink.annotation.Internal;

/**
 * Where a feedback sink and the dispatcher of the same subtask find their shared channel.
 *
 * <p>This is the one piece of static mutable state in the runtime, and Flink forces it: the two
 * operators are separate tasks that Flink instantiates independently in the same JVM (they are
 * co-located in one slot), and there is no Flink API to pass an object between tasks. Channels are
 * keyed by job, subtask index and attempt, so restarted attempts and concurrent jobs never share
 * one; the dispatcher removes its channel when it closes.
 */
@Internal
public final class FeedbackChannels {
  private static final ConcurrentMap<Key, FeedbackChannel> CHANNELS = new ConcurrentHashMap<>();

  private FeedbackChannels() {}

  public static FeedbackChannel channel(Key key) {
    return CHANNELS.computeIfAbsent(key, k -> new FeedbackChannel());
  }

  public static void release(Key key) {
    CHANNELS.remove(key);
  }

  /** Identifies the channel of one subtask attempt of one job. */
  public record Key(String jobId, int subtaskIndex, int attemptNumber) {}
}
