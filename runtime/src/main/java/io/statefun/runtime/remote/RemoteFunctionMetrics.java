package io.statefun.runtime.remote;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The metrics of one remote function type on one task: StateFun 3.3's {@value #FAILURES} (with its
 * per-second rate over 60 s, {@value #FAILURES_RATE}) and {@value #LATENCY} (ms), under StateFun's
 * names so its dashboards keep working, and ours: the requests and the messages they carried, dead
 * letters, value registrations, and the requests ({@value #IN_FLIGHT}) and messages in flight
 * (StateFun's {@code inflightAsyncOps} is the dispatcher's, for every function type). They count
 * from creation on; {@link #register} publishes them in a Flink metric group. Thread-safe: updated
 * from the HTTP client's threads.
 */
final class RemoteFunctionMetrics {
  static final String FAILURES = "remoteInvocationFailures";
  static final String FAILURES_RATE = FAILURES + "Rate";
  static final String LATENCY = "remoteInvocationLatency";
  static final String IN_FLIGHT = "inflightRequests";
  private static final int LATENCY_WINDOW = 1000;
  private static final int RATE_WINDOW_SECONDS = 60;

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
    group.counter(FAILURES, failures);
    group.meter(FAILURES_RATE, new MeterView(failures, RATE_WINDOW_SECONDS));
    group.counter("remoteDeadLetters", deadLetters);
    group.counter("remoteStateRegistrations", stateRegistrations);
    group.histogram(LATENCY, latency);
    group.gauge(IN_FLIGHT, (Gauge<Integer>) inFlightRequests::get);
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
