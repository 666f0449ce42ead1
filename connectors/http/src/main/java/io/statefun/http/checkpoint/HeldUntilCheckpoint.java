package io.statefun.http.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.flink.annotation.Internal;

/**
 * Records an operator holds until the checkpoint that contains them completes (read-committed
 * output): those added since the last snapshot belong to the next checkpoint; a completed
 * checkpoint releases its records and those of every earlier one, in checkpoint order. Task thread
 * only.
 */
@Internal
public final class HeldUntilCheckpoint<T> {
  private List<T> sinceSnapshot = new ArrayList<>();
  private final TreeMap<Long, List<T>> byCheckpoint = new TreeMap<>();

  public void add(T record) {
    sinceSnapshot.add(record);
  }

  /**
   * At the snapshot of {@code checkpointId}: the records added since the last one now belong to it.
   * Returns every record still held, by checkpoint, in order: what the snapshot must store.
   */
  public NavigableMap<Long, List<T>> snapshot(long checkpointId) {
    if (!sinceSnapshot.isEmpty()) {
      byCheckpoint.put(checkpointId, sinceSnapshot);
      sinceSnapshot = new ArrayList<>();
    }
    return Collections.unmodifiableNavigableMap(byCheckpoint);
  }

  /**
   * {@code checkpointId} completed: hands the records of it and of every earlier checkpoint to
   * {@code release}, in checkpoint order, and forgets them.
   */
  public void complete(long checkpointId, BiConsumer<Long, List<T>> release) {
    Map<Long, List<T>> durable = byCheckpoint.headMap(checkpointId, true);
    durable.forEach(release);
    durable.clear();
  }
}
