package io.statefun.kafka.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads StateFun's {@code properties}: a list of single-key maps, {@code - key: value}. */
final class YamlProperties {
  private YamlProperties() {}

  static Map<String, String> read(List<Map<String, String>> properties) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (properties == null) {
      return merged;
    }
    for (Map<String, String> entry : properties) {
      if (entry == null) {
        continue;
      }
      entry.forEach(
          (key, value) -> {
            if (value == null) {
              throw new IllegalArgumentException("property '" + key + "' has no value");
            }
            merged.put(key, value);
          });
    }
    return merged;
  }

  static String require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("'" + field + "' is required");
    }
    return value;
  }
}
