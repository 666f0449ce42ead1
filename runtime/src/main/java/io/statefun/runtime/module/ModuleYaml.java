package io.statefun.runtime.module;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * The text of one {@code module.yaml} and where it came from. The text travels with the job so
 * every task reads the same components without needing the file.
 */
@Internal
public record ModuleYaml(String location, String content) implements Serializable {
  public ModuleYaml {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(content, "content");
  }

  /** Reads the {@code module.yaml} at {@code url} (a file, a class-path resource, ...). */
  public static ModuleYaml read(URL url) {
    try (InputStream in = url.openStream()) {
      return new ModuleYaml(url.toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read module.yaml " + url + ": " + e.getMessage(), e);
    }
  }
}
