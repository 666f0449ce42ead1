package io.statefun.runtime.dispatch;

import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics of one function type, under {@code functions.<namespace>.<name>} with StateFun's
 * names so its dashboards keep working: {@code in}, {@code outLocal}, {@code outRemote} (through
 * the feedback loop), {@code outEgress}, each with a {@code …Rate} per second over 60 s; {@code
 * inflightAsyncOps} (its addresses with unfinished work) and {@code numBacklog} (messages queued
 * behind them).
 */
final class FunctionTypeMetrics {
  final Counter in;
  final Counter outLocal;
  final Counter outRemote;
  final Counter outEgress;

  FunctionTypeMetrics(MetricGroup group, IntSupplier busyAddresses, IntSupplier backlog) {
    in = countedWithRate(group, "in");
    outLocal = countedWithRate(group, "outLocal");
    outRemote = countedWithRate(group, "outRemote");
    outEgress = countedWithRate(group, "outEgress");
    group.gauge("inflightAsyncOps", new TaskThreadGauge(busyAddresses));
    group.gauge("numBacklog", new TaskThreadGauge(backlog));
  }

  private static Counter countedWithRate(MetricGroup group, String name) {
    Counter counter = group.counter(name);
    group.meter(name + "Rate", new MeterView(counter, 60));
    return counter;
  }
}
