package io.statefun.runtime.testing;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Keeps every metric a MiniCluster registers, by its full identifier, so a test can read it, even
 * after its task ended. Static because Flink instantiates reporters itself; tests tell their
 * metrics apart by a part of the identifier (a job name, an ingress id, a function type). Configure
 * it with {@link #configure}.
 */
public final class RecordingMetricReporter implements MetricReporter {
  private static final Map<String, Metric> METRICS = new ConcurrentHashMap<>();

  /** Every registration, also those an identifier's later registration (a restart) replaced. */
  private static final Queue<Map.Entry<String, Metric>> REGISTERED = new ConcurrentLinkedQueue<>();

  /** Adds this reporter to a cluster's configuration. */
  public static void configure(Configuration configuration) {
    configuration.setString("metrics.reporter.recording.factory.class", Factory.class.getName());
  }

  /** The sum of the counters whose identifier contains {@code part} and ends with {@code name}. */
  public static long sum(String part, String name) {
    return METRICS.entrySet().stream()
        .filter(e -> e.getKey().contains(part) && e.getKey().endsWith("." + name))
        .filter(e -> e.getValue() instanceof Counter)
        .mapToLong(e -> ((Counter) e.getValue()).getCount())
        .sum();
  }

  /**
   * The highest value of the numeric gauges whose identifier contains {@code part} and ends with
   * {@code name}, over every registration (every task attempt), or 0 if none.
   */
  public static long maxOfGauges(String part, String name) {
    return REGISTERED.stream()
        .filter(e -> e.getKey().contains(part) && e.getKey().endsWith("." + name))
        .map(Map.Entry::getValue)
        .filter(metric -> metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number)
        .mapToLong(metric -> ((Number) ((Gauge<?>) metric).getValue()).longValue())
        .max()
        .orElse(0);
  }

  /** The metric whose identifier ends with {@code suffix}, if one was registered. */
  public static Optional<Metric> find(String suffix) {
    return METRICS.entrySet().stream()
        .filter(e -> e.getKey().endsWith(suffix))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** The identifiers that contain {@code part} with their counts, for failure messages. */
  public static String describe(String part) {
    StringBuilder out = new StringBuilder();
    METRICS.forEach(
        (id, metric) -> {
          if (id.contains(part)) {
            out.append(id);
            if (metric instanceof Counter counter) {
              out.append('=').append(counter.getCount());
            }
            out.append('\n');
          }
        });
    return out.toString();
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    String identifier = group.getMetricIdentifier(metricName);
    METRICS.put(identifier, metric);
    REGISTERED.add(Map.entry(identifier, metric));
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    // kept on purpose: tests read metrics of tasks that have finished
  }

  /** Found by Flink with ServiceLoader and chosen by class name. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new RecordingMetricReporter();
    }
  }
}
