package io.statefun.runtime.harness;

import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * The Flink settings that keep every socket of a local cluster (RPC, REST, blob, data) on
 * 127.0.0.1; without them Flink binds some of them on all interfaces. The harness applies them
 * unless told otherwise; tests use them for their MiniClusters.
 */
public final class LoopbackSettings {
  private static final Map<String, String> SETTINGS =
      Map.of(
          "rest.bind-address", "127.0.0.1",
          "rest.address", "127.0.0.1",
          "jobmanager.bind-host", "127.0.0.1",
          "jobmanager.rpc.address", "127.0.0.1",
          "taskmanager.bind-host", "127.0.0.1",
          "taskmanager.host", "127.0.0.1");

  private LoopbackSettings() {}

  /** A configuration holding just these settings. */
  public static Configuration configuration() {
    Configuration configuration = new Configuration();
    applyTo(configuration);
    return configuration;
  }

  /** Sets each of these settings that {@code configuration} does not set yet. */
  public static void applyTo(Configuration configuration) {
    SETTINGS.forEach(
        (key, value) -> {
          if (!configuration.containsKey(key)) {
            configuration.setString(key, value);
          }
        });
  }
}
