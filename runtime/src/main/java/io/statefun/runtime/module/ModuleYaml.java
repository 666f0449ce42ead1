package io.statefun.runtime.module;

import java.io.Serializable;
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
}
