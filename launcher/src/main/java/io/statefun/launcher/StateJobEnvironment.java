package io.statefun.launcher;

import io.statefun.runtime.harness.LoopbackSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Option;

/**
 * The in-process Flink cluster the {@code state} commands run their small jobs on, configured with
 * their {@code -D} option (a picocli mixin of each of them).
 */
final class StateJobEnvironment {
  @Option(
      names = "-D",
      paramLabel = "key=value",
      description = "A Flink configuration entry (e.g. file system credentials).")
  Map<String, String> dynamic = new LinkedHashMap<>();

  /** The {@code -D} entries alone (for loading modules). */
  Configuration configuration() {
    Configuration configuration = new Configuration();
    dynamic.forEach(configuration::setString);
    return configuration;
  }

  /** A local environment on 127.0.0.1, with the {@code -D} entries given. */
  StreamExecutionEnvironment create() {
    Configuration configuration = LoopbackSettings.configuration();
    configuration.addAll(configuration());
    return StreamExecutionEnvironment.createLocalEnvironment(configuration);
  }

  /** A path with a scheme (s3://, file:/, hdfs://) as given; a local path made absolute. */
  static String savepointUri(String path) {
    try {
      URI uri = new URI(path);
      if (uri.getScheme() != null && uri.getScheme().length() > 1) {
        return path;
      }
    } catch (Exception e) {
      // not a URI: a local path
    }
    return Path.of(path).toAbsolutePath().normalize().toUri().toString();
  }
}
