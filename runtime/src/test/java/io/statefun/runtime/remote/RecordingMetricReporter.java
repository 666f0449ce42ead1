package io.statefun.runtime.remote;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Keeps every metric a MiniCluster registers, by its full identifier, even after its task ended.
 * Static because Flink instantiates reporters itself.
 */
public final class RecordingMetricReporter implements MetricReporter {
  private static final Map<String, Metric> METRICS = new ConcurrentHashMap<>();

  /** The metric whose identifier ends with {@code suffix}, if one was registered. */
  static Optional<Metric> find(String suffix) {
    return METRICS.entrySet().stream()
        .filter(e -> e.getKey().endsWith(suffix))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** The identifiers that contain {@code part}, for failure messages. */
  static String describe(String part) {
    return METRICS.keySet().stream().filter(id -> id.contains(part)).sorted().toList().toString();
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
    METRICS.put(group.getMetricIdentifier(metricName), metric);
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
