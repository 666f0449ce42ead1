package io.statefun.runtime.remote;

import io.statefun.runtime.remote.http.Destination;
import io.statefun.sdk.TypeName;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.flink.annotation.Internal;

/**
 * The URL of an endpoint's functions: a template in which {@value #PLACEHOLDER} stands for the
 * function type's name (the part after the {@code /}). An http, https or http+unix URL (a Unix
 * domain socket file, as in {@code http+unix:///run/functions/fn.sock/{function.name}}; see {@link
 * Destination}).
 */
@Internal
public record UrlPathTemplate(String template) {
  static final String PLACEHOLDER = "{function.name}";

  public UrlPathTemplate {
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException(
          "urlPathTemplate is required, e.g. http://host:8000/{function.name}");
    }
    URI sample = parse(template.replace(PLACEHOLDER, "function"), template);
    try {
      Destination.of(sample);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "urlPathTemplate '" + template + "' is not usable: " + e.getMessage(), e);
    }
  }

  public URI urlOf(TypeName functionType) {
    return parse(template.replace(PLACEHOLDER, functionType.name()), template);
  }

  private static URI parse(String url, String template) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "urlPathTemplate '" + template + "' is not a URL: " + e.getMessage(), e);
    }
  }
}
