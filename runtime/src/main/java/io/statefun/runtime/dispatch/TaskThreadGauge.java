package io.statefun.runtime.dispatch;

import java.util.ConcurrentModificationException;
import java.util.function.IntSupplier;
import org.apache.flink.metrics.Gauge;

/**
 * A gauge over collections the task thread changes without locks. The metric reporter samples it
 * from its own thread; a sample that races with a change reports the previous value instead.
 */
final class TaskThreadGauge implements Gauge<Integer> {
  private final IntSupplier sample;
  private volatile int last;

  TaskThreadGauge(IntSupplier sample) {
    this.sample = sample;
  }

  @Override
  public Integer getValue() {
    try {
      last = sample.getAsInt();
    } catch (ConcurrentModificationException | ArrayIndexOutOfBoundsException racing) {
      // keep the previous value
    }
    return last;
  }
}
