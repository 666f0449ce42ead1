package io.statefun.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * The Flink configuration of one {@code statefun} run, in order of precedence (later wins):
 *
 * <ol>
 *   <li>{@code $STATEFUN_HOME/conf/config.yaml} (Flink 2's format);
 *   <li>the environment: {@code FLINK_PROPERTIES} ({@code key: value} lines, as in Flink's images),
 *       {@code STATEFUN_BIND_HOST} (the address servers bind), {@code MASTER_HOST} (the master's
 *       address);
 *   <li>{@code -D key=value} options.
 * </ol>
 */
final class LauncherConfiguration {
  static final String CONFIG_FILE = "config.yaml";

  private LauncherConfiguration() {}

  static Configuration load(
      Path statefunHome, Map<String, String> environment, Map<String, String> dynamic) {
    Configuration configuration = new Configuration();
    if (statefunHome != null
        && Files.isRegularFile(statefunHome.resolve("conf").resolve(CONFIG_FILE))) {
      configuration =
          GlobalConfiguration.loadConfiguration(statefunHome.resolve("conf").toString());
    }
    fromEnvironment(environment).forEach(configuration::setString);
    dynamic.forEach(configuration::setString);
    return configuration;
  }

  /** The configuration entries the environment sets. */
  static Map<String, String> fromEnvironment(Map<String, String> environment) {
    Map<String, String> entries = new LinkedHashMap<>();
    String properties = environment.get("FLINK_PROPERTIES");
    if (properties != null) {
      for (String line : properties.split("\\R")) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        int colon = trimmed.indexOf(':');
        if (colon <= 0) {
          throw new LauncherException(
              "FLINK_PROPERTIES: '" + trimmed + "' is not a 'key: value' line");
        }
        entries.put(trimmed.substring(0, colon).strip(), trimmed.substring(colon + 1).strip());
      }
    }
    String bindHost = environment.get("STATEFUN_BIND_HOST");
    if (bindHost != null && !bindHost.isBlank()) {
      entries.put("jobmanager.bind-host", bindHost);
      entries.put("taskmanager.bind-host", bindHost);
      entries.put("rest.bind-address", bindHost);
    }
    String masterHost = environment.get("MASTER_HOST");
    if (masterHost != null && !masterHost.isBlank()) {
      entries.put("jobmanager.rpc.address", masterHost);
    }
    return entries;
  }

  /** The distribution folder: system property {@code statefun.home}, else {@code STATEFUN_HOME}. */
  static Path statefunHome(Map<String, String> environment) {
    String home = System.getProperty("statefun.home");
    if (home == null || home.isBlank()) {
      home = environment.get("STATEFUN_HOME");
    }
    return home == null || home.isBlank() ? null : Path.of(home);
  }

  /** Sets {@code key} unless the file, environment or {@code -D} already did. */
  static void setDefault(Configuration configuration, String key, String value) {
    if (!configuration.containsKey(key)) {
      configuration.setString(key, value);
    }
  }
}
