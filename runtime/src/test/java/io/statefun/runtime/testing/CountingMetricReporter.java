package io.statefun.runtime.testing;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Keeps every counter the MiniCluster registers, by its full identifier, so a test can read a
 * counter's value, even after its task ended. Static because Flink instantiates reporters itself;
 * tests tell their counters apart by a part of the identifier (an ingress id, a function type).
 * Configure it with {@link #configure}.
 */
public final class CountingMetricReporter implements MetricReporter {
  private static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();

  /** The sum of the counters whose identifier contains {@code part} and ends with {@code name}. */
  public static long sum(String part, String name) {
    return COUNTERS.entrySet().stream()
        .filter(e -> e.getKey().contains(part) && e.getKey().endsWith("." + name))
        .mapToLong(e -> e.getValue().getCount())
        .sum();
  }

  public static String describe(String part) {
    StringBuilder out = new StringBuilder();
    COUNTERS.forEach(
        (id, counter) -> {
          if (id.contains(part)) {
            out.append(id).append('=').append(counter.getCount()).append('\n');
          }
        });
    return out.toString();
  }

  /** Adds this reporter to a cluster's configuration. */
  public static void configure(org.apache.flink.configuration.Configuration configuration) {
    configuration.setString("metrics.reporter.counting.factory.class", Factory.class.getName());
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    if (metric instanceof Counter counter) {
      COUNTERS.put(group.getMetricIdentifier(metricName), counter);
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
    // kept on purpose: tests read counters of tasks that have finished
  }

  /** Found by Flink with ServiceLoader and chosen by class name. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new CountingMetricReporter();
    }
  }
}
