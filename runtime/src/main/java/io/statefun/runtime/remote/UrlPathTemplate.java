package io.statefun.runtime.remote;

import io.statefun.sdk.TypeName;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The URL of an endpoint's functions: a template in which {@value #PLACEHOLDER} stands for the
 * function type's name (the part after the {@code /}). Only http and https URLs are supported.
 */
public record UrlPathTemplate(String template) {
  static final String PLACEHOLDER = "{function.name}";

  public UrlPathTemplate {
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException(
          "urlPathTemplate is required, e.g. http://host:8000/{function.name}");
    }
    URI sample = parse(template.replace(PLACEHOLDER, "function"), template);
    String scheme = sample.getScheme() == null ? "" : sample.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "urlPathTemplate must be an http:// or https:// URL, got '"
              + template
              + "'"
              + (scheme.endsWith("+unix") ? " (UNIX domain sockets are not supported)" : ""));
    }
    if (sample.getHost() == null) {
      throw new IllegalArgumentException("urlPathTemplate '" + template + "' has no host");
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
