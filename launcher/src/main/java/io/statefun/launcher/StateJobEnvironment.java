package io.statefun.launcher;

import io.statefun.runtime.harness.LoopbackSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The in-process Flink cluster the {@code state} commands run their small jobs on. */
final class StateJobEnvironment {
  private StateJobEnvironment() {}

  /** A local environment on 127.0.0.1, with the {@code -D} entries given. */
  static StreamExecutionEnvironment create(Map<String, String> dynamic) {
    Configuration configuration = LoopbackSettings.configuration();
    dynamic.forEach(configuration::setString);
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
