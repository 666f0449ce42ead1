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

  public static final ConfigOption<Boolean> ADMIN_ENABLED =
      ConfigOptions.key("statefun.admin.enabled")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Serves the live state endpoint (GET /state/{namespace}/{name}/{id}[/pending]) on"
                  + " every TaskManager. Off by default: function state is private data.");

  public static final ConfigOption<Integer> ADMIN_PORT =
      ConfigOptions.key("statefun.admin.port")
          .intType()
          .defaultValue(8092)
          .withDescription("The port of the live state endpoint.");

  public static final ConfigOption<String> ADMIN_BIND_HOST =
      ConfigOptions.key("statefun.admin.bind-host")
          .stringType()
          .defaultValue("127.0.0.1")
          .withDescription(
              "The address the live state endpoint binds; any address that is not a loopback"
                  + " address needs statefun.admin.token.");

  public static final ConfigOption<String> ADMIN_TOKEN =
      ConfigOptions.key("statefun.admin.token")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "When set, every request to the live state endpoint must carry Authorization:"
                  + " Bearer <token> (others get 401). Required when the bind host is not a"
                  + " loopback address.");

  public static final ConfigOption<Integer> ADMIN_MAX_PENDING_REQUESTS =
      ConfigOptions.key("statefun.admin.max-pending-requests")
          .intType()
          .defaultValue(100)
          .withDescription(
              "Requests to the live state endpoint waiting for their answer per TaskManager; more"
                  + " get 503 with Retry-After.");

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
