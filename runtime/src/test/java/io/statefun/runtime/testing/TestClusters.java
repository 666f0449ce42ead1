package io.statefun.runtime.testing;

import io.statefun.runtime.harness.LoopbackSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The shared MiniCluster of an integration test class: 2 task managers × 2 slots, every socket on
 * 127.0.0.1, with the {@link RecordingMetricReporter}.
 */
public final class TestClusters {
  private TestClusters() {}

  public static MiniClusterExtension twoTaskManagers() {
    Configuration conf = LoopbackSettings.configuration();
    conf.setString("io.tmp.dirs", System.getProperty("java.io.tmpdir"));
    RecordingMetricReporter.configure(conf);
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(conf)
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(2)
            .build());
  }
}
