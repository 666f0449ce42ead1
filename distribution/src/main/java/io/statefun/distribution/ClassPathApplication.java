package io.statefun.distribution;

import io.statefun.runtime.config.StatefunOptions;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.runtime.module.ModuleLoadingException;
import io.statefun.runtime.module.ModuleYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application a job JAR holds: the modules {@link java.util.ServiceLoader} finds on its class
 * path, every {@value #MODULE_YAML} resource, and the file or URL of the option {@code
 * statefun.module.yaml}. The {@code module.yaml} texts are read here, on the client, and travel
 * with the job.
 */
final class ClassPathApplication {
  private static final Logger LOG = LoggerFactory.getLogger(ClassPathApplication.class);
  static final String MODULE_YAML = "module.yaml";

  private ClassPathApplication() {}

  static ApplicationLoader loader(ClassLoader classLoader, Configuration configuration) {
    ApplicationLoader.Builder loader =
        ApplicationLoader.builder()
            .discoverModules(true)
            .withGlobalConfiguration(StatefunOptions.globalConfiguration(configuration));
    List<URL> resources;
    try {
      resources = Collections.list(classLoader.getResources(MODULE_YAML));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the " + MODULE_YAML + " resources", e);
    }
    for (URL resource : resources) {
      loader.withYamlModule(ModuleYaml.read(resource));
    }
    String option = configuration.get(StatefunOptions.MODULE_YAML);
    if (option != null) {
      loader.withYamlModule(ModuleYaml.read(fileOrUrl(option)));
    }
    LOG.info(
        "The application: modules from the class path, module.yaml {}{}",
        resources,
        option == null ? "" : " and " + option);
    return loader.build();
  }

  /** A URL with a scheme ({@code file:}, {@code https:}, ...) or else a path of a local file. */
  static URL fileOrUrl(String value) {
    String where = StatefunOptions.MODULE_YAML.key() + "=" + value;
    try {
      URI uri = new URI(value);
      if (uri.getScheme() != null && uri.getScheme().length() > 1) {
        return uri.toURL();
      }
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      // not a URL: a path
    }
    Path file = Path.of(value);
    if (!Files.isRegularFile(file)) {
      throw new ModuleLoadingException(where + ": no such file");
    }
    try {
      return file.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new ModuleLoadingException(where + ": " + e.getMessage());
    }
  }
}
