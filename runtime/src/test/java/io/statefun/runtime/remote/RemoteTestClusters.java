package io.statefun.runtime.remote;

import io.statefun.runtime.harness.LoopbackCluster;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The shared MiniCluster of a remote-function test class: 2 task managers × 2 slots, 127.0.0.1. */
final class RemoteTestClusters {
  private RemoteTestClusters() {}

  static MiniClusterExtension twoTaskManagers() {
    Configuration conf = LoopbackCluster.configuration();
    conf.setString("io.tmp.dirs", System.getProperty("java.io.tmpdir"));
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(conf)
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(2)
            .build());
  }
}
