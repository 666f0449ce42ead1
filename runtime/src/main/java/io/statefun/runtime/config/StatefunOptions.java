package io.statefun.runtime.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.jspecify.annotations.NullMarked;

/** The runtime's own configuration options. Each is documented in the README. */
@NullMarked
public final class StatefunOptions {

  /** Prefix of the entries handed to every module's {@code configure} as global configuration. */
  public static final String GLOBAL_CONFIG_PREFIX = "statefun.module.global-config.";

  public static final ConfigOption<String> JOB_NAME =
      ConfigOptions.key("statefun.job-name")
          .stringType()
          .defaultValue("statefun")
          .withDescription("The name of the Flink job.");

  public static final ConfigOption<String> MODULE_YAML =
      ConfigOptions.key("statefun.module.yaml")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "A module.yaml (a file path or a URL) to load in addition to the modules on the job's"
                  + " class path, when the application runs as a Flink job (flink run).");

  public static final ConfigOption<Integer> MAX_ASYNC_PER_TASK =
      ConfigOptions.key("statefun.async.max-per-task")
          .intType()
          .defaultValue(1024)
          .withDescription(
              "How many addresses of one task may wait for an unfinished function future (embedded"
                  + " async work or a remote call) before the task stops taking new input.");

  public static final ConfigOption<Duration> INGRESS_BUFFER_TIMEOUT =
      ConfigOptions.key("statefun.ingress.buffer-timeout")
          .durationType()
          .defaultValue(Duration.ofMillis(5))
          .withDescription(
              "How long messages from an ingress may wait in a network buffer before it is sent to"
                  + " the functions (Flink's own default, 100 ms, would add up to that much"
                  + " latency to every message of a quiet stream).");

  public static final ConfigOption<Duration> FEEDBACK_BUFFER_TIMEOUT =
      ConfigOptions.key("statefun.feedback.buffer-timeout")
          .durationType()
          .defaultValue(Duration.ofMillis(5))
          .withDescription(
              "How long messages to functions on other subtasks may wait in a network buffer"
                  + " before it is sent: lower for latency, higher for throughput.");

  public static final ConfigOption<UndeliverablePolicy> UNDELIVERABLE =
      ConfigOptions.key("statefun.undeliverable-messages")
          .enumType(UndeliverablePolicy.class)
          .defaultValue(UndeliverablePolicy.LOG)
          .withDescription(
              "What happens to a message for a function type or egress that nothing binds: LOG"
                  + " (a WARN naming the address and sender, and the 'undeliverable' metric) or FAIL"
                  + " (the job fails).");

  /** What to do with a message nobody can receive. */
  public enum UndeliverablePolicy {
    LOG,
    FAIL
  }

  private StatefunOptions() {}

  /** The global configuration: every {@code statefun.module.global-config.KEY} as KEY. */
  public static Map<String, String> globalConfiguration(Configuration configuration) {
    Map<String, String> global = new LinkedHashMap<>();
    configuration
        .toMap()
        .forEach(
            (key, value) -> {
              if (key.startsWith(GLOBAL_CONFIG_PREFIX)) {
                global.put(key.substring(GLOBAL_CONFIG_PREFIX.length()), value);
              }
            });
    return global;
  }
}
