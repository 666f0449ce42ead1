package io.statefun.http.playground.topics;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;

/**
 * The records readers may take, one bounded queue per topic. A batch is published under the egress
 * subtask that wrote it and the checkpoint that made it durable; a batch of a checkpoint no later
 * than the last one published for that subtask is ignored, so re-publishing the batches restored
 * from a checkpoint after a failover adds no duplicates. Thread-safe.
 */
public final class PlaygroundTopics {

  /**
   * What {@link #publish} did.
   *
   * @param duplicate true if the batch had been published already, and was ignored
   * @param droppedByTopic records dropped because their topic was full, by topic
   */
  public record Publication(boolean duplicate, Map<String, Integer> droppedByTopic) {}

  private final Map<String, ArrayDeque<String>> queues = new HashMap<>();
  private final int maxRecordsPerTopic;
  private final Map<Integer, Long> publishedUpTo = new HashMap<>();

  PlaygroundTopics(SortedSet<String> topics, int maxRecordsPerTopic) {
    for (String topic : topics) {
      queues.put(topic, new ArrayDeque<>());
    }
    this.maxRecordsPerTopic = maxRecordsPerTopic;
  }

  /** Whether records of {@code topic} are kept. */
  public boolean hasTopic(String topic) {
    return queues.containsKey(topic);
  }

  /** The topics. */
  public Set<String> topics() {
    return Collections.unmodifiableSet(queues.keySet());
  }

  /**
   * Makes the records of one subtask's checkpoint readable, in order, unless that checkpoint's
   * batch was published already; a record whose topic is full is dropped and counted.
   *
   * @throws IllegalArgumentException for a record of a topic this egress does not have
   */
  public synchronized Publication publish(
      int subtask, long checkpointId, Iterable<TopicRecord> records) {
    Long upTo = publishedUpTo.get(subtask);
    if (upTo != null && checkpointId <= upTo) {
      return new Publication(true, Map.of());
    }
    publishedUpTo.put(subtask, checkpointId);
    Map<String, Integer> dropped = new LinkedHashMap<>();
    for (TopicRecord record : records) {
      ArrayDeque<String> queue = queues.get(record.topic());
      if (queue == null) {
        throw new IllegalArgumentException("no topic '" + record.topic() + "'");
      }
      if (queue.size() >= maxRecordsPerTopic) {
        dropped.merge(record.topic(), 1, Integer::sum);
      } else {
        queue.addLast(record.payload());
      }
    }
    return new Publication(false, dropped);
  }

  /**
   * Takes the oldest payload of a topic; null if it is empty.
   *
   * @throws IllegalArgumentException for a topic this egress does not have
   */
  public synchronized @Nullable String take(String topic) {
    ArrayDeque<String> queue = queues.get(topic);
    if (queue == null) {
      throw new IllegalArgumentException("no topic '" + topic + "'");
    }
    return queue.pollFirst();
  }

  /** The records waiting in a topic; 0 for one this egress does not have. */
  public synchronized int size(String topic) {
    ArrayDeque<String> queue = queues.get(topic);
    return queue == null ? 0 : queue.size();
  }
}
