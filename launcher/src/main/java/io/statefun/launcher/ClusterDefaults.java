package io.statefun.launcher;

import static io.statefun.launcher.LauncherConfiguration.setDefault;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;

/** Defaults the launcher adds to what the configuration leaves open, per role. */
final class ClusterDefaults {
  private ClusterDefaults() {}

  /**
   * Every role: RocksDB, exactly-once checkpoints every 10 s (unless {@link #local} set 1 s) into
   * the distribution's checkpoints/ folder, kept when the job is cancelled or fails so that a
   * restarted master finds them (see {@link RestoreOptions}).
   */
  static void common(Configuration configuration, Path statefunHome) {
    setDefault(configuration, "state.backend.type", "rocksdb");
    setDefault(configuration, "execution.checkpointing.interval", "10s");
    setDefault(configuration, "execution.checkpointing.mode", "EXACTLY_ONCE");
    setDefault(
        configuration,
        "execution.checkpointing.externalized-checkpoint-retention",
        "RETAIN_ON_CANCELLATION");
    Path base =
        statefunHome != null
            ? statefunHome
            : Path.of(System.getProperty("java.io.tmpdir"), "statefun");
    setDefault(
        configuration,
        "execution.checkpointing.dir",
        base.toAbsolutePath().resolve("checkpoints").toUri().toString());
    setDefault(
        configuration,
        "execution.checkpointing.savepoint-dir",
        base.toAbsolutePath().resolve("savepoints").toUri().toString());
    // Failover: a killed process refuses connections, so it is found dead after
    // heartbeat.rpc-failure-threshold (2) failed heartbeats, i.e. within ~2 intervals; Flink's
    // 10 s interval made that 20 s, in which the master kept deploying to a dead worker. At 500 ms
    // it is usually found dead before the restart delay (1 s) has passed, so the restart rarely
    // picks its slot (at 1 s, a third of the restarts did, and took 2 s longer). The timeout bounds
    // only processes that hang without closing their connections (GC pauses).
    setDefault(configuration, "heartbeat.interval", "500ms");
    setDefault(configuration, "heartbeat.timeout", "5s");
    // A worker whose master went away retries its registration every second instead of after
    // Flink's 10 s error delay (and up to 30 s backoff), so it joins a restarted master quickly.
    setDefault(configuration, "cluster.registration.error-delay", "1s");
    setDefault(configuration, "cluster.registration.max-timeout", "5s");
    setDefault(configuration, "restart-strategy.type", "fixed-delay");
    setDefault(configuration, "restart-strategy.fixed-delay.attempts", "2147483647");
    setDefault(configuration, "restart-strategy.fixed-delay.delay", "1s");
    setDefault(
        configuration,
        "classloader.parent-first-patterns.additional",
        "io.statefun.;org.apache.kafka.;com.google.protobuf.");
  }

  /** The master: its address, REST on the same host, attached application-mode execution. */
  static void master(Configuration configuration) {
    setDefault(configuration, "jobmanager.rpc.address", "localhost");
    setDefault(configuration, "jobmanager.rpc.port", "6123");
    setDefault(configuration, "rest.port", "8081");
    setDefault(configuration, "blob.server.port", "6124");
    setDefault(
        configuration,
        "rest.address",
        configuration.getString("jobmanager.rpc.address", "localhost"));
    // execute() in the program waits for the job; otherwise the program returns at once
    configuration.setString("execution.attached", "true");
  }

  /** A worker: where the master is and how many slots it offers. */
  static void worker(Configuration configuration) {
    setDefault(configuration, "jobmanager.rpc.address", "localhost");
    setDefault(configuration, "jobmanager.rpc.port", "6123");
    setDefault(configuration, "taskmanager.numberOfTaskSlots", "2");
    setDefault(configuration, "taskmanager.memory.process.size", "1536m");
  }

  /** {@code local}: everything on 127.0.0.1, checkpoints every second so results show promptly. */
  static void local(Configuration configuration) {
    setDefault(configuration, "execution.checkpointing.interval", "1s");
    for (String key :
        new String[] {
          "rest.bind-address",
          "rest.address",
          "jobmanager.bind-host",
          "jobmanager.rpc.address",
          "taskmanager.bind-host",
          "taskmanager.host"
        }) {
      setDefault(configuration, key, "127.0.0.1");
    }
    setDefault(configuration, "rest.port", "8081");
  }
}
