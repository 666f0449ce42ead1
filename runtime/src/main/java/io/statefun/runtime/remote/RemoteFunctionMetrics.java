package io.statefun.runtime.remote;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The metrics of one remote function type on one task, named as StateFun names them where it has a
 * name: requests and the messages they carried, failures, retries, dead letters, latency (ms), and
 * what is in flight. They count from creation on; {@link #register} publishes them in a Flink
 * metric group. Thread-safe: updated from the HTTP client's threads.
 */
final class RemoteFunctionMetrics {
  private static final int LATENCY_WINDOW = 1000;

  private final Counter requests = new ThreadSafeSimpleCounter();
  private final Counter messages = new ThreadSafeSimpleCounter();
  private final Counter failures = new ThreadSafeSimpleCounter();
  private final Counter deadLetters = new ThreadSafeSimpleCounter();
  private final Counter stateRegistrations = new ThreadSafeSimpleCounter();
  private final Histogram latency = new SynchronizedHistogram(LATENCY_WINDOW);
  private final AtomicInteger inFlightRequests = new AtomicInteger();
  private final AtomicInteger inFlightMessages = new AtomicInteger();

  /** Adds the metrics to {@code group}, usually {@code functions.<namespace>.<name>}. */
  void register(MetricGroup group) {
    group.counter("remoteInvocations", requests);
    group.counter("remoteInvocationMessages", messages);
    group.counter("remoteInvocationFailures", failures);
    group.counter("remoteDeadLetters", deadLetters);
    group.counter("remoteStateRegistrations", stateRegistrations);
    group.histogram("remoteInvocationLatency", latency);
    group.gauge("inflightAsyncOps", (Gauge<Integer>) inFlightRequests::get);
    group.gauge("inflightMessages", (Gauge<Integer>) inFlightMessages::get);
  }

  void requestStarted(int batchSize) {
    requests.inc();
    messages.inc(batchSize);
    inFlightRequests.incrementAndGet();
    inFlightMessages.addAndGet(batchSize);
  }

  void requestFinished(int batchSize, long latencyMillis) {
    inFlightRequests.decrementAndGet();
    inFlightMessages.addAndGet(-batchSize);
    latency.update(latencyMillis);
  }

  void failed() {
    failures.inc();
  }

  void deadLettered(int count) {
    deadLetters.inc(count);
  }

  void registeredValues(int count) {
    stateRegistrations.inc(count);
  }

  long requests() {
    return requests.getCount();
  }

  long messages() {
    return messages.getCount();
  }

  long failures() {
    return failures.getCount();
  }

  long deadLetters() {
    return deadLetters.getCount();
  }

  int inFlightRequests() {
    return inFlightRequests.get();
  }

  long latencyCount() {
    return latency.getCount();
  }

  /** The histogram Flink ships, which is not thread-safe, made so. */
  private static final class SynchronizedHistogram implements Histogram {
    private final DescriptiveStatisticsHistogram histogram;

    SynchronizedHistogram(int window) {
      this.histogram = new DescriptiveStatisticsHistogram(window);
    }

    @Override
    public synchronized void update(long value) {
      histogram.update(value);
    }

    @Override
    public synchronized long getCount() {
      return histogram.getCount();
    }

    @Override
    public synchronized HistogramStatistics getStatistics() {
      return histogram.getStatistics();
    }
  }
}
